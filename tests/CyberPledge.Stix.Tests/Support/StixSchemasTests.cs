using System.Text.Json;

namespace CyberPledge.Stix.Tests.Support;

/// <summary>The schema helper itself: it must find faults, or every "validates" test above would pass vacuously.</summary>
public sealed class StixSchemasTests
{
    [Theory]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--0f1e2d3c-4b5a-4978-8877-665544332211","created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--0f1e2d3c-4b5a-4978-8877-665544332211","created":"2026-03-01T08:00:00Z","modified":"2026-03-01T08:00:00.000Z","pattern":"[a:b = 1]","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--0f1e2d3c-4b5a-4978-8877-665544332211","created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z","pattern":"[a:b = 1]","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z","labels":[]}""")]
    [InlineData("""{"type":"vulnerability","spec_version":"2.1","id":"vulnerability--0f1e2d3c-4b5a-4978-8877-665544332211","created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z","name":"x","external_references":[{"source_name":"cve","external_id":"CVE-21-1"}]}""")]
    public void Errors_InvalidObject_AreReported(string json)
    {
        Assert.NotEmpty(StixSchemas.Errors(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void Errors_ValidObject_AreNone()
    {
        const string json = """{"type":"indicator","spec_version":"2.1","id":"indicator--0f1e2d3c-4b5a-4978-8877-665544332211","created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z","pattern":"[a:b = 1]","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z"}""";

        Assert.Empty(StixSchemas.Errors(JsonDocument.Parse(json).RootElement));
    }
}
