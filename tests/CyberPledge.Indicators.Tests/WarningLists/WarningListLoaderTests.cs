using CyberPledge.Indicators.WarningLists;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.WarningLists;

/// <summary>Lists an operator adds (files in the data directory, other files, configuration) and how bad ones are refused.</summary>
public sealed class WarningListLoaderTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private string WriteList(string fileName, string json)
    {
        var directory = Path.Combine(_data.Path, WarningListsOptions.DefaultDirectoryName);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_FileInDataDirectory_IsAddedAfterTheBuiltInOnesWithEntriesNormalized()
    {
        WriteList("sinkholes.json", """
            { "name": "sinkholes", "description": "our sinkholes", "source": "CERT", "kind": "cidr",
              "entries": ["45.33.10.7/16", "2A01:4F8::/32", "45.34.1.1"] }
            """);

        var (lists, problems) = WarningListLoader.Load(new WarningListsOptions(), _data.Path);

        Assert.Empty(problems);
        var sinkholes = lists[^1];
        Assert.Equal("sinkholes", sinkholes.Name);
        Assert.Equal(["45.33.0.0/16", "2a01:4f8::/32", "45.34.1.1"], sinkholes.Entries);
        var catalog = new WarningCatalog(lists, 0, 0);
        Assert.Equal(["sinkholes 45.33.0.0/16"], catalog.Match(IndicatorType.Ipv4, "45.33.200.1").Select(e => $"{e.List} {e.Entry}"));
        Assert.Equal(["sinkholes 45.34.1.1"], catalog.Match(IndicatorType.Cidr, "45.34.1.0/24").Select(e => $"{e.List} {e.Entry}"));
    }

    [Fact]
    public void Load_ListsFromConfigurationAndDisabledBuiltIn_AreApplied()
    {
        var options = new WarningListsOptions
        {
            Disabled = ["popular-domains"],
            Lists = [new WarningListDefinition { Name = "partners-portals", Kind = WarningListDefinition.HostnameKind, Entries = ["Portal.Example"] }],
        };

        var (lists, problems) = WarningListLoader.Load(options, _data.Path);

        Assert.Empty(problems);
        Assert.DoesNotContain(lists, l => l.Name == "popular-domains");
        Assert.Equal(["portal.example"], lists.Single(l => l.Name == "partners-portals").Entries);
    }

    [Fact]
    public void Load_BadEntries_EachProblemNamesTheFileTheEntryAndWhy()
    {
        var path = WriteList("bad.json", """{ "name": "bad", "kind": "exact-ip", "entries": ["8.8.8.8", "10.0.0.0/8", "010.1.1.1"] }""");

        var (_, problems) = WarningListLoader.Load(new WarningListsOptions(), _data.Path);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith($"{path}: entries[1] \"10.0.0.0/8\": ", problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}: entries[2] \"010.1.1.1\": ", problems[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x", "kind": "regex", "entries": [] }""", "kind \"regex\" is none of")]
    [InlineData("""{ "name": "Public DNS", "kind": "cidr", "entries": [] }""", "name \"Public DNS\" is not")]
    [InlineData("""{ "name": "reserved-ranges", "kind": "cidr", "entries": [] }""", "another list is named \"reserved-ranges\"")]
    [InlineData("""{ "name": "x", "kind": """, "cannot be read as a warning list")]
    public void Load_BadList_IsAProblem(string json, string expected)
    {
        WriteList("list.json", json);

        var (_, problems) = WarningListLoader.Load(new WarningListsOptions(), _data.Path);

        Assert.Contains(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadWarningListSettings_FailTheStartNamingThem()
    {
        var options = new IndicatorsOptions
        {
            DataDirectory = _data.Path,
            WarningLists = new WarningListsOptions { ShortPrefixIpv4 = 33, Files = [Path.Combine(_data.Path, "missing.json")] },
            Inbound = new() { ["Japan"] = new InboundOriginRules { MaxSignedBatch = -1 } },
        };

        var problems = options.Validate().ToList();

        Assert.Contains("Indicators:WarningLists:ShortPrefixIpv4: must be 0-32", problems);
        Assert.Contains(problems, p => p.StartsWith("Indicators:WarningLists: ", StringComparison.Ordinal) && p.Contains("missing.json", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Indicators:Inbound:Japan: ", StringComparison.Ordinal));
        Assert.Contains("Indicators:Inbound:Japan:MaxSignedBatch: must be 0 (no limit) or more", problems);
    }
}
