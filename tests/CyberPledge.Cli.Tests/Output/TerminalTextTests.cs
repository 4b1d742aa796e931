using CyberPledge.Cli.Output;

namespace CyberPledge.Cli.Tests.Output;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("evil\u202Eexe.txt", "evil\uFFFDexe.txt")]
    [InlineData("a\u2066b\u2069", "a\uFFFDb\uFFFD")]
    [InlineData("\u001B[2Jcleared", "\uFFFD[2Jcleared")]
    [InlineData("two\nlines\tand tab", "two lines and tab")]
    [InlineData("plain", "plain")]
    public void Clean_ControlAndBidiCharacters_Replaced(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Clean(text));

    [Fact]
    public void Cell_SpectreMarkup_EscapedSoItPrintsLiterally() =>
        Assert.Equal("[[red]]alert[[/]]", TerminalText.Cell("[red]alert[/]"));
}
