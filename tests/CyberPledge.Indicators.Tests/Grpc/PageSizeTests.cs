using System.Globalization;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>
/// A full batch at the documented maxima (about 15 MB) is accepted in one Submit, and Query cuts its pages to fit the
/// 4 MB a default gRPC client receives, however large the page size asked for.
/// </summary>
public sealed class PageSizeTests : IAsyncLifetime
{
    private const int BatchSize = 1000;
    private const int DefaultClientReceiveLimit = 4 * 1024 * 1024;
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTime Deadline => DateTime.UtcNow.AddMinutes(2);

    [Fact]
    public async Task SubmitThenQuery_ThousandIndicatorsAtTheMaxima_AcceptedAndEveryPageFitsADefaultClient()
    {
        var request = new SubmitRequest { Indicators = { Enumerable.Range(0, BatchSize).Select(AtTheMaxima) } };
        Assert.True(request.CalculateSize() > 3 * DefaultClientReceiveLimit, "the batch is not as large as the documented maxima make it");

        var submitted = await _host.Client.SubmitAsync(request, deadline: Deadline);

        Assert.All(submitted.Results, r => Assert.True(r.Outcome == SubmitOutcome.Created, r.Error));
        var query = new QueryRequest { PageSize = BatchSize };
        var ids = new List<string>();
        var pages = 0;
        do
        {
            var page = await _host.Client.QueryAsync(query, deadline: Deadline);
            pages++;
            Assert.InRange(page.CalculateSize(), 1, DefaultClientReceiveLimit);
            ids.AddRange(page.Indicators.Select(i => i.Id));
            query.PageToken = page.NextPageToken;
        }
        while (query.PageToken.Length > 0 && pages <= BatchSize);

        Assert.True(pages > 1, "one page cannot hold the whole batch under 4 MiB");
        Assert.Equal(submitted.Results.Select(r => r.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private static IndicatorSubmission AtTheMaxima(int n)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"https://host-{n}.example/");
        var submission = new IndicatorSubmission
        {
            Type = IndicatorType.Url,
            Value = url + new string('p', 2048 - url.Length),
            Tlp = Tlp.Green,
            Confidence = 50,
            Description = new string('d', 4096),
            ReportingOrganisation = new string('o', 256),
            InternalNotes = new string('n', 4096),
        };
        for (var i = 0; i < 32; i++)
        {
            submission.Tags.Add(Padded($"tag-{i}-", 't'));
        }

        for (var i = 0; i < 16; i++)
        {
            submission.KillChainPhases.Add(new KillChainPhase { KillChainName = Padded("chain-", 'c'), PhaseName = Padded($"phase-{i}-", 'p') });
        }

        return submission;
    }

    private static string Padded(string prefix, char fill) => prefix + new string(fill, 64 - prefix.Length);
}
