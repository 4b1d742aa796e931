return await CyberPledge.Cli.CyberPledgeCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
