namespace CyberPledge.InteropClient.Cases;

/// <summary>The cases this client runs, in the order <c>--test_case=all</c> runs them.</summary>
internal static class InteropCaseCatalog
{
    public const string AllCases = "all";

    public static IReadOnlyList<IInteropCase> Cases { get; } =
    [
        new EmptyUnaryCase(),
        new LargeUnaryCase(),
        new ClientStreamingCase(),
        new ServerStreamingCase(),
        new PingPongCase(),
        new EmptyStreamCase(),
        new CancelAfterBeginCase(),
        new CancelAfterFirstResponseCase(),
        new TimeoutOnSleepingServerCase(),
        new CustomMetadataCase(),
        new StatusCodeAndMessageCase(),
        new SpecialStatusMessageCase(),
        new UnimplementedServiceCase(),
        new UnimplementedMethodCase(),
    ];

    /// <summary>The cases a <c>--test_case</c> value selects: one by name, or every one for <c>all</c>; empty when unknown.</summary>
    public static IReadOnlyList<IInteropCase> Select(string name) => name == AllCases
        ? Cases
        : Cases.Where(testCase => testCase.Name == name).ToArray();
}
