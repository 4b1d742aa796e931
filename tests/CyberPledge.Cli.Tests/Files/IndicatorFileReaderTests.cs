using CyberPledge.Cli.Files;
using CyberPledge.V1;

namespace CyberPledge.Cli.Tests.Files;

public sealed class IndicatorFileReaderTests
{
    [Fact]
    public void Read_CsvWithEveryColumn_FieldsEnumsListsAndTimes()
    {
        const string csv = """"
            type,value,tlp,confidence,severity,sectors,tags,kill_chain_phases,valid_from,valid_until,description,reporting_organisation,internal_notes,may_reshare,hop_limit,id
            URL,hxxp://evil[.]example/a,Amber+Strict,90,critical,energy; water,c2;apt,lockheed-martin:delivery,2026-01-01,2026-02-01T12:00:00Z,"one, ""two""",NCSC,notes,yes,2,0190
            """";

        var (line, item) = Assert.Single(Read("x.csv", csv));

        Assert.Equal(2, line);
        Assert.Equal(IndicatorType.Url, item.Type);
        Assert.Equal("hxxp://evil[.]example/a", item.Value);
        Assert.Equal(Tlp.AmberStrict, item.Tlp);
        Assert.Equal(90u, item.Confidence);
        Assert.Equal(Severity.Critical, item.Severity);
        Assert.Equal([Sector.Energy, Sector.Water], item.Sectors);
        Assert.Equal(["c2", "apt"], item.Tags);
        Assert.Equal("delivery", Assert.Single(item.KillChainPhases).PhaseName);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), item.ValidFrom.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero), item.ValidUntil.ToDateTimeOffset());
        Assert.Equal("one, \"two\"", item.Description);
        Assert.Equal("NCSC", item.ReportingOrganisation);
        Assert.Equal("notes", item.InternalNotes);
        Assert.True(item.Distribution.MayReshare);
        Assert.Equal(2u, item.Distribution.HopLimit);
        Assert.Equal("0190", item.Id);
    }

    [Fact]
    public void Read_QuotedFieldWithLineBreak_RecordsKeepTheirStartingLines()
    {
        const string csv = "value,type,description\r\na.example,domain,\"two\nlines\"\n\nb.example,domain,\n";

        var items = Read("x.csv", csv);

        Assert.Equal([2, 5], items.Select(i => i.Line));
        Assert.Equal("two\nlines", items[0].Submission.Description);
        Assert.Equal("b.example", items[1].Submission.Value);
    }

    [Theory]
    [InlineData("type,value,colour\nipv4,192.0.2.1,red\n", "line 1: unknown column 'colour'")]
    [InlineData("type,tlp\nipv4,red\n", "line 1: the header row must name the columns")]
    [InlineData("type,value\nipv4,192.0.2.1,extra\n", "line 2: 3 fields, the header has 2")]
    [InlineData("type,value,tlp\nipv4,192.0.2.1,purple\n", "line 2: tlp: unknown value 'purple'")]
    [InlineData("type,value,confidence\nipv4,192.0.2.1,-3\n", "line 2: confidence: '-3' is not a whole number")]
    [InlineData("type,value\nipv4,\"192.0.2.1\n", "line 2: a quoted field is not closed")]
    public void Read_MalformedCsv_FailsNamingLineAndProblem(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read("x.csv", csv));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch.jsonl")]
    [InlineData("batch.txt")]
    public void Read_JsonLines_ByExtensionOrFirstCharacter(string name)
    {
        const string lines = """

            {"type":"INDICATOR_TYPE_IPV4","value":"192.0.2.1","tlp":"TLP_RED"}
            {"type":"INDICATOR_TYPE_DOMAIN","value":"a.example","tlp":"TLP_GREEN","tags":["x"]}
            """;

        var items = Read(name, lines);

        Assert.Equal([2, 3], items.Select(i => i.Line));
        Assert.Equal(Tlp.Red, items[0].Submission.Tlp);
        Assert.Equal(["x"], items[1].Submission.Tags);
    }

    [Fact]
    public void Read_JsonLineWithUnknownField_FailsNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => Read("b.jsonl", "{\"type\":\"INDICATOR_TYPE_IPV4\"}\n{\"colour\":\"red\"}\n"));

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    private static List<(int Line, IndicatorSubmission Submission)> Read(string name, string content) =>
        IndicatorFileReader.Read(name, new StringReader(content)).ToList();
}
