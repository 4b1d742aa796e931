using CyberPledge.Federation.Storage;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>
/// The administrators' side of the connector (AddTaxiiSource, ListTaxiiSources, RemoveTaxiiSource,
/// ListTaxiiImportFailures): sources are checked, stored with their credentials sealed, and their pollers started or
/// stopped. Credentials are never answered back: a source shows only how it authenticates.
/// </summary>
/// <remarks>
/// Adding and removing a source are recorded in Partners' audit log ("taxii.source.added", "taxii.source.removed", with
/// the administrator): an add is undone, and a remove not done, when the log cannot record it (UNAVAILABLE).
/// </remarks>
internal sealed partial class TaxiiSources(IFederationStore store, TaxiiCredentialSealer sealer, TaxiiConnector connector, TaxiiAuditLog audit, TimeProvider time, ILogger<TaxiiSources> logger)
{
    public async Task<TaxiiSource> AddAsync(AddTaxiiSourceRequest request, string actor, CancellationToken cancellationToken)
    {
        var (credentials, interval) = TaxiiSourceRequest.Check(request);
        var source = new StoredTaxiiSource(
            request.Name, request.CollectionUrl, credentials.Kind, await sealer.SealAsync(request.Name, credentials, cancellationToken).ConfigureAwait(false),
            request.CaCertificatePem, interval, actor, time.GetUtcNow());
        if (!await store.AddTaxiiSourceAsync(source, cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"name: a source named {request.Name} exists (remove it first)"));
        }

        try
        {
            await audit.SourceAddedAsync(actor, source.Name, source.CollectionUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (TaxiiAuditUnavailableException unrecorded)
        {
            await store.RemoveTaxiiSourceAsync(source.Name, CancellationToken.None).ConfigureAwait(false);
            throw unrecorded.ToRpc();
        }

        LogAdded(logger, source.Name, source.CollectionUrl, actor);
        connector.Start(source);
        return Describe(source);
    }

    public async Task<ListTaxiiSourcesResponse> ListAsync(CancellationToken cancellationToken) =>
        new() { Sources = { (await store.TaxiiSourcesAsync(cancellationToken).ConfigureAwait(false)).Select(Describe) } };

    public async Task RemoveAsync(string name, string actor, CancellationToken cancellationToken)
    {
        CheckName(name);
        if (!(await store.TaxiiSourcesAsync(cancellationToken).ConfigureAwait(false)).Any(s => s.Name == name))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no source named {name}"));
        }

        try
        {
            await audit.SourceRemovedAsync(actor, name, cancellationToken).ConfigureAwait(false);
        }
        catch (TaxiiAuditUnavailableException unrecorded)
        {
            throw unrecorded.ToRpc();
        }

        await connector.StopPollingAsync(name).ConfigureAwait(false);
        if (!await store.RemoveTaxiiSourceAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no source named {name}"));
        }

        LogRemoved(logger, name, actor);
    }

    public async Task<ListTaxiiImportFailuresResponse> FailuresAsync(ListTaxiiImportFailuresRequest request, CancellationToken cancellationToken)
    {
        CheckName(request.Source, "source");
        if (request.Limit > 1000)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "limit: 1 to 1000 (0 for 100)"));
        }

        var sources = await store.TaxiiSourcesAsync(cancellationToken).ConfigureAwait(false);
        if (!sources.Any(s => s.Name == request.Source))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no source named {request.Source}"));
        }

        var failures = await store.TaxiiImportFailuresAsync(request.Source, request.Limit == 0 ? 100 : (int)request.Limit, cancellationToken).ConfigureAwait(false);
        return new ListTaxiiImportFailuresResponse
        {
            Failures =
            {
                failures.Select(f => new TaxiiImportFailure { StixId = f.StixId, Version = f.Version, Reason = f.Reason, At = Timestamp.FromDateTimeOffset(f.At) }),
            },
        };
    }

    private static void CheckName(string name, string field = "name")
    {
        if (!TaxiiSourceRequest.IsName(name))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: 1 to 64 letters, digits and hyphens"));
        }
    }

    private static TaxiiSource Describe(StoredTaxiiSource source)
    {
        var described = new TaxiiSource
        {
            Name = source.Name,
            CollectionUrl = source.CollectionUrl,
            Authentication = source.Authentication,
            CustomCa = source.CaCertificatePem.Length > 0,
            PollInterval = Duration.FromTimeSpan(source.PollInterval),
            State = source.Status.State switch
            {
                TaxiiSourceStates.Polling => TaxiiSourceState.Polling,
                TaxiiSourceStates.Failing => TaxiiSourceState.Failing,
                _ => TaxiiSourceState.Idle,
            },
            AddedAfter = source.Position,
            LastError = source.Status.LastError,
            Imported = (ulong)source.Imported,
            Failed = (ulong)source.Failed,
            AddedBy = source.AddedBy,
            Added = Timestamp.FromDateTimeOffset(source.AddedAt),
        };
        if (source.Status.LastPoll is { } poll)
        {
            described.LastPoll = Timestamp.FromDateTimeOffset(poll);
        }

        return described;
    }

    [LoggerMessage(EventId = 172, Level = LogLevel.Information, Message = "Audit taxii.source.added: {Source} ({Url}) by {Actor}")]
    private static partial void LogAdded(ILogger logger, string source, string url, string actor);

    [LoggerMessage(EventId = 173, Level = LogLevel.Information, Message = "Audit taxii.source.removed: {Source} by {Actor}")]
    private static partial void LogRemoved(ILogger logger, string source, string actor);
}
