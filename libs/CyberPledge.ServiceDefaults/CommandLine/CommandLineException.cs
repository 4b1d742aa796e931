namespace CyberPledge.ServiceDefaults.CommandLine;

/// <summary>A command line that cannot be used as given; its message is the one line shown to the person.</summary>
public sealed class CommandLineException(string message) : Exception(message);
