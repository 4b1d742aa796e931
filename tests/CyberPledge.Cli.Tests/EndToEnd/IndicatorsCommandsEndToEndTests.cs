using CyberPledge.Cli.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Cli.Tests.EndToEnd;

/// <summary>The indicators commands against a real Indicators process, in process (the CLI's RunAsync) with captured output.</summary>
public sealed class IndicatorsCommandsEndToEndTests(IndicatorsNode node) : IClassFixture<IndicatorsNode>, IDisposable
{
    private readonly TemporaryDirectory _files = new();
    private readonly string _tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Submit_CsvFile_CreatesEachRowAndPrintsDefangedResults()
    {
        var file = Write("batch.csv",
            "type,value,tlp,confidence,severity,sectors,tags,description\n" +
            $"domain,{_tag}.evil.example,green,80,high,energy;finance,{_tag},\"C2, seen in \"\"phishing\"\"\"\n" +
            $"ipv4,198.51.100.{Random.Shared.Next(1, 254)},amber,50,,,{_tag},\n");

        var result = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "submit", file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, CountOccurrences(result.Output, "created"));

        var query = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "query", "--text", _tag]);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Contains($"{_tag}[.]evil[.]example", query.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{_tag}.evil.example", query.Output, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", query.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_JsonLinesFile_ResultsAsJsonWithIdsThatGetReturns()
    {
        var file = Write("batch.jsonl",
            $$"""{"type":"INDICATOR_TYPE_URL","value":"http://{{_tag}}.example/payload","tlp":"TLP_CLEAR","confidence":60}""" + "\n\n" +
            $$"""{"type":"INDICATOR_TYPE_SHA256","value":"{{Guid.NewGuid():N}}{{Guid.NewGuid():N}}","tlp":"TLP_GREEN"}""" + "\n");

        var result = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "submit", file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var response = JsonParser.Default.Parse<SubmitResponse>(result.Output);
        Assert.Equal(2, response.Results.Count);
        Assert.All(response.Results, r => Assert.Equal(SubmitOutcome.Created, r.Outcome));

        var get = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "get", response.Results[0].Id]);
        Assert.True(get.ExitCode == 0, get.ToString());
        var indicator = JsonParser.Default.Parse<Indicator>(get.Output);
        Assert.Equal($"http://{_tag}.example/payload", indicator.Value);
        Assert.Equal(Tlp.Clear, indicator.Tlp);

        var table = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "get", response.Results[0].Id]);
        Assert.Contains($"hxxp://{_tag}[.]example/payload", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FileWithAnInvalidItem_StoresTheValidOneAndExitsWithFailure()
    {
        var file = Write("mixed.csv", $"type,value,tlp,tags\ndomain,{_tag}.example,green,{_tag}\nipv4,010.0.0.1,green,{_tag}\n");

        var result = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "submit", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains("cyberpledge: 1 of 2 indicator(s) rejected", result.Error, StringComparison.Ordinal);
        var query = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "query", "--text", _tag]);
        Assert.Single(JsonParser.Default.Parse<QueryResponse>(query.Output).Indicators);
    }

    [Fact]
    public async Task Query_ByTypeAndValueAsJson_FollowsPagesUpToTheLimit()
    {
        var lines = Enumerable.Range(0, 5).Select(i => $"domain,n{i}.{_tag}.example,green,{_tag}");
        Assert.Equal(0, (await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "submit", Write("five.csv", "type,value,tlp,tags\n" + string.Join('\n', lines))])).ExitCode);

        var exact = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "query", "--type", "domain", "--value", $"n3[.]{_tag}.example"]);
        var limited = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "query", "--text", _tag, "--limit", "3"]);
        var all = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "query", "--text", _tag, "--tlp", "green", "--limit", "0"]);

        Assert.Equal($"n3.{_tag}.example", Assert.Single(JsonParser.Default.Parse<QueryResponse>(exact.Output).Indicators).Value);
        Assert.Equal(3, JsonParser.Default.Parse<QueryResponse>(limited.Output).Indicators.Count);
        Assert.Equal(5, JsonParser.Default.Parse<QueryResponse>(all.Output).Indicators.Count);
    }

    [Fact]
    public async Task Revoke_Indicator_NewVersionRevokedAndLeftOutOfQueries()
    {
        var id = await SubmitOneAsync($"revoke.{_tag}.example");

        var revoke = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "revoke", id]);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var revoked = JsonParser.Default.Parse<Indicator>(revoke.Output);
        Assert.True(revoked.Revoked);
        Assert.Equal(2ul, revoked.Version);
        var query = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "query", "--text", _tag]);
        Assert.Empty(JsonParser.Default.Parse<QueryResponse>(query.Output).Indicators);
        var first = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "get", id, "--version", "1"]);
        Assert.False(JsonParser.Default.Parse<Indicator>(first.Output).Revoked);
    }

    [Fact]
    public async Task Promote_ImportedIndicator_NewVersionNamingTheAnalystAndShownInDetails()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(node.Address);
        var federation = new V1.Indicators.IndicatorsClient(TestTokens.WithToken(channel.CreateCallInvoker(), node.Tokens.Federation));
        var imported = (await federation.ImportAsync(new ImportRequest
        {
            Items =
            {
                new ImportItem
                {
                    Source = "taxii-connector:feed",
                    StixId = "indicator--" + Guid.NewGuid().ToString("D"),
                    StixCreated = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                    StixModified = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                    Indicator = new IndicatorSubmission { Type = IndicatorType.Domain, Value = $"imported.{_tag}.example", Tlp = Tlp.Green },
                },
            },
        })).Results.Single();
        Assert.Equal(ImportOutcome.Created, imported.Outcome);

        var promote = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "promote", imported.Id, "--note", "seen on our sensors"]);
        var again = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "promote", imported.Id]);
        var details = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "get", imported.Id]);

        Assert.True(promote.ExitCode == 0, promote.ToString());
        var promoted = JsonParser.Default.Parse<Indicator>(promote.Output);
        Assert.Equal((2ul, true), (promoted.Version, promoted.Imported.Promoted));
        Assert.StartsWith("test-analyst", promoted.Imported.PromotedBy, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("FAILED_PRECONDITION: id: ", again.Error, StringComparison.Ordinal);
        Assert.Contains("promoted by test-analyst", details.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FromNow_PrintsAVersionSubmittedAfterItStartedAndStopsOnCancel()
    {
        var output = new ConcurrentWriter();
        var error = new ConcurrentWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watch = CyberPledgeCli.RunAsync([.. node.AsAnalyst, "indicators", "watch", "--from-now"], CliRunner.Settings(output, error), stop.Token);
        await error.WaitForAsync("watching after sequence", TimeSpan.FromSeconds(30));

        var id = await SubmitOneAsync($"watched.{_tag}.example");

        await output.WaitForAsync($"watched[.]{_tag}[.]example", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        Assert.Equal(0, await watch.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(id, output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WithoutToken_ExitsWithFailureNamingUnauthenticated()
    {
        var result = await CliRunner.RunAsync("--address", node.Address, "indicators", "query");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cyberpledge: UNAUTHENTICATED", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Query_TokenFromEnvironmentOrFile_IsSent()
    {
        var tokenFile = Write("token", node.Tokens.Analyst + "\n");

        var fromEnvironment = await CliRunner.RunAsync(["--address", node.Address, "indicators", "query"],
            new Dictionary<string, string> { [CyberPledgeCli.TokenVariable] = node.Tokens.Analyst });
        var fromFile = await CliRunner.RunAsync("--address", node.Address, "--token-file", tokenFile, "indicators", "query");

        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
    }

    [Fact]
    public async Task Get_UnknownId_ExitsWithFailureNamingNotFound()
    {
        var result = await CliRunner.RunAsync([.. node.AsAnalyst, "indicators", "get", Guid.NewGuid().ToString()]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cyberpledge: NOT_FOUND", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> SubmitOneAsync(string domain)
    {
        var result = await CliRunner.RunAsync([.. node.AsAnalyst, "--json", "indicators", "submit", Write(Guid.NewGuid().ToString("N") + ".csv", $"type,value,tlp,tags\ndomain,{domain},green,{_tag}\n")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonParser.Default.Parse<SubmitResponse>(result.Output).Results.Single().Id;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static int CountOccurrences(string text, string word) => text.Split(word).Length - 1;

    public void Dispose() => _files.Dispose();
}
