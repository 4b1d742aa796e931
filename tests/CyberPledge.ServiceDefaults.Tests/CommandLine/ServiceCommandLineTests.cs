using CyberPledge.ServiceDefaults.CommandLine;

namespace CyberPledge.ServiceDefaults.Tests.CommandLine;

public sealed class ServiceCommandLineTests
{
    private static readonly ServiceCommandLine Parser = new(
    [
        new("--data-dir", "Svc:DataDirectory", "DIR", "where the data lives"),
        new("--nation", "Svc:Nation", "CODE", "the nation"),
    ]);

    [Fact]
    public void Parse_SeparateAndEqualsForms_SetTheSameKeys()
    {
        var separate = Parser.Parse(["--data-dir", "/tmp/a", "--nation", "FRA"]);
        var joined = Parser.Parse(["--data-dir=/tmp/a", "--nation=FRA"]);

        Assert.Equal("/tmp/a", separate["Svc:DataDirectory"]);
        Assert.Equal("FRA", separate["Svc:Nation"]);
        Assert.Equal(separate.OrderBy(e => e.Key), joined.OrderBy(e => e.Key));
    }

    [Fact]
    public void Parse_CommonSwitch_SetsItsKey()
    {
        var values = Parser.Parse(["--urls", "http://127.0.0.1:0", "--otlp-endpoint=http://127.0.0.1:4317"]);

        Assert.Equal("http://127.0.0.1:0", values["urls"]);
        Assert.Equal("http://127.0.0.1:4317", values["Telemetry:OtlpEndpoint"]);
    }

    [Fact]
    public void Parse_UnknownSwitch_RefusedWithoutSwallowingTheNextArgument()
    {
        var error = Assert.Throws<CommandLineException>(() => Parser.Parse(["--data-directory", "--nation", "FRA"]));

        Assert.Equal("unknown switch --data-directory (see --help)", error.Message);
    }

    [Fact]
    public void Parse_SwitchFollowedBySwitch_NeedsAValue()
    {
        var error = Assert.Throws<CommandLineException>(() => Parser.Parse(["--data-dir", "--nation", "FRA"]));

        Assert.Equal("--data-dir needs a value: --data-dir DIR", error.Message);
    }

    [Fact]
    public void Parse_SwitchAtTheEnd_NeedsAValue()
    {
        Assert.Throws<CommandLineException>(() => Parser.Parse(["--nation"]));
    }

    [Fact]
    public void Parse_StrayArgument_Refused()
    {
        var error = Assert.Throws<CommandLineException>(() => Parser.Parse(["FRA"]));

        Assert.Contains("\"FRA\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameSwitchTwice_Refused()
    {
        Assert.Throws<CommandLineException>(() => Parser.Parse(["--nation", "FRA", "--nation=DEU"]));
    }

    [Fact]
    public void Parse_EmptyValueWithEquals_IsAnEmptyValue()
    {
        Assert.Equal("", Parser.Parse(["--data-dir="])["Svc:DataDirectory"]);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void IsHelpRequested_HelpSwitch_True(string help)
    {
        Assert.True(ServiceCommandLine.IsHelpRequested(["--nation", "FRA", help]));
    }

    [Fact]
    public void Help_ListsEverySwitchWithItsValueAndDescription()
    {
        var help = Parser.Help("svc", "a test service");

        Assert.StartsWith("svc: a test service", help, StringComparison.Ordinal);
        Assert.Contains("--data-dir DIR", help, StringComparison.Ordinal);
        Assert.Contains("where the data lives", help, StringComparison.Ordinal);
        Assert.Contains("--urls URL", help, StringComparison.Ordinal);
        Assert.Contains("--help", help, StringComparison.Ordinal);
    }
}
