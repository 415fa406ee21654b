using Crisis.Cli;
using Crisis.Cli.Hosting;
using Spectre.Console.Cli;

TerminalSafeWriter.Install();
var app = new CommandApp();
app.Configure(CrisisCommands.Register);
return await app.RunAsync(args);
