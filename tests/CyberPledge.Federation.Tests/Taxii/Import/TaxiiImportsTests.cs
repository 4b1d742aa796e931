using System.Text.Json;
using CyberPledge.Federation.Taxii;
using CyberPledge.Federation.Taxii.Import;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Taxii.Import;

/// <summary>A POST is recorded in the audit log before it is stored; one the log cannot record is refused and not stored.</summary>
public sealed class TaxiiImportsTests
{
    private static readonly TaxiiCaller Analyst = new("alice", null);
    private static readonly JsonElement[] Objects = [JsonDocument.Parse("""{"type":"indicator"}""").RootElement, JsonDocument.Parse("""{"type":"malware"}""").RootElement];

    [Fact]
    public async Task Post_RecordedWithThePosterTheStatusAndTheCount_ThenStoredPending()
    {
        var store = new MemoryFederationStore();
        var sink = new RecordingTaxiiAuditSink();
        var imports = new TaxiiImports(store, new TaxiiAuditLog(sink, TimeProvider.System), TimeProvider.System);

        var status = await imports.PostAsync(Analyst, "collection-1", Objects, CancellationToken.None);

        var recorded = Assert.Single(sink.Events);
        Assert.Equal((TaxiiEventKind.ObjectsPosted, "alice", status.Id, "collection-1", 2u), (recorded.Kind, recorded.Actor, recorded.Name, recorded.Target, recorded.Objects));
        Assert.NotNull(await store.GetTaxiiStatusAsync(status.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Post_AuditLogUnavailable_503AndNothingStored()
    {
        var store = new MemoryFederationStore();
        var sink = new RecordingTaxiiAuditSink { Refusal = StatusCode.Unavailable };
        var imports = new TaxiiImports(store, new TaxiiAuditLog(sink, TimeProvider.System), TimeProvider.System);

        var error = await Assert.ThrowsAsync<TaxiiError>(() => imports.PostAsync(Analyst, "collection-1", Objects, CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Empty(await store.PendingTaxiiImportsAsync(CancellationToken.None));
    }
}
