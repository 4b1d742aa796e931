using CyberPledge.InteropClient;

return await InteropClientCommand.RunAsync(args, Console.Out, Console.Error);
