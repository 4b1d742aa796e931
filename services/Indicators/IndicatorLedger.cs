using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.Versioning;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.Signing;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators;

/// <summary>
/// The domain of the Indicators service: validation, dedup, versions, signatures, revocation,
/// foreign versions and the change feed, over an <see cref="IIndicatorStore"/>. Errors are
/// <see cref="IndicatorException"/>s whose message is "&lt;field&gt;: &lt;reason&gt;". The gRPC
/// service forwards to it and maps those to statuses; hosts that compose the services in one process may call it.
/// </summary>
public sealed partial class IndicatorLedger
{
    private readonly IIndicatorStore _store;
    private readonly NodeSigningKey _signingKey;
    private readonly IndicatorSignatureVerifier _verifier;
    private readonly VersionFactory _versions;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idempotencyRetention;
    private readonly ulong _maxVersionStep;
    private readonly ForeignScreening _screening;
    private readonly ILogger _logger;

    internal IndicatorLedger(IIndicatorStore store, NodeSigningKey signingKey, IndicatorSignatureVerifier verifier, IndicatorsOptions options, TimeProvider timeProvider,
        ILogger? logger = null, ForeignScreening? screening = null)
    {
        // The store's pinned origin wins: a store pinned to an alpha-2 nation keeps it (DESIGN.md, Decision 8).
        var pinned = store.PinnedOrigin;
        var self = new Origin { Nation = pinned?.Nation ?? options.Nation, NodeId = pinned?.NodeId ?? options.NodeId };
        if (OriginRules.Check(self, "origin") is { } error)
        {
            throw new ArgumentException($"Indicators configuration: {error.Message}", nameof(options));
        }

        _store = store;
        _signingKey = signingKey;
        _verifier = verifier;
        _versions = new VersionFactory(self);
        _timeProvider = timeProvider;
        _idempotencyRetention = options.IdempotencyRetention;
        _maxVersionStep = options.MaxVersionStep;
        _screening = screening ?? ForeignScreening.Default;
        _logger = logger ?? NullLogger.Instance;
        Identity = new NodeIdentity
        {
            Origin = self,
            PublicKey = ByteString.CopyFrom(signingKey.PublicKey),
            KeyId = ByteString.CopyFrom(signingKey.KeyId),
            FeedId = store.FeedId,
        };
    }

    /// <summary>This node's origin, public key and feed id.</summary>
    public NodeIdentity Identity { get; }

    /// <summary>This node's identity with the feed's last committed sequence as of now.</summary>
    public NodeIdentity CurrentIdentity()
    {
        var identity = Identity.Clone();
        identity.LastSequence = _store.LastSequence;
        return identity;
    }

    private Origin Self => _versions.Self;

    /// <summary>One version of an indicator, or its latest.</summary>
    public async Task<Indicator> GetAsync(GetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequireId(request.Id);
        var stored = await _store.GetAsync(id, request.Version, cancellationToken).ConfigureAwait(false);
        return stored?.Indicator ?? throw NotFound(id, request.Version);
    }

    /// <summary>Checks a version's signature against its origin's public key.</summary>
    public VerifySignatureResponse VerifySignature(VerifySignatureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Indicator is null)
        {
            throw FieldError.Invalid("indicator", "required").ToException();
        }

        var check = _verifier.Verify(request.Indicator, request.OriginPublicKey.Span);
        return new VerifySignatureResponse { Valid = check.IsValid, Reason = check.Reason ?? "" };
    }

    private static string RequireId(string id) =>
        IndicatorIds.TryNormalize(id, out var normalized)
            ? normalized
            : throw FieldError.Invalid("id", id.Length == 0 ? "required" : "not a UUID").ToException();

    private static IndicatorException NotFound(string id, ulong version = 0) =>
        new FieldError(IndicatorErrorKind.NotFound, "id", version == 0
            ? $"no indicator {id}"
            : $"no version {version} of indicator {id}").ToException();

    private static FieldError NotOurs(string id, Origin owner) =>
        new(IndicatorErrorKind.PermissionDenied, "id",
            $"indicator {id} belongs to origin {owner.Nation}/{owner.NodeId}; only its origin creates versions of it");
}
