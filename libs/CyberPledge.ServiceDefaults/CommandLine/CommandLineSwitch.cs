namespace CyberPledge.ServiceDefaults.CommandLine;

/// <summary>A command-line switch that sets one configuration key: <c>--data-dir DIR</c> or <c>--data-dir=DIR</c>.</summary>
/// <param name="Name">The switch, with its leading dashes ("--data-dir").</param>
/// <param name="ConfigurationKey">The key it sets ("Indicators:DataDirectory").</param>
/// <param name="ValueName">The placeholder shown by <c>--help</c> ("DIR").</param>
/// <param name="Description">One line for <c>--help</c>.</param>
public sealed record CommandLineSwitch(string Name, string ConfigurationKey, string ValueName, string Description);
