using Crisis.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(CrisisCommands.Register);
return await app.RunAsync(args);
