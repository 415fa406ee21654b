namespace Crisis.IntegrationTests.Running;

/// <summary>A <c>crisis</c> command run in process, with what it wrote to standard output and error.</summary>
public static class CapturedCli
{
    /// <summary>The command as given: no store options added (the desk's commands take --url and --token, replays a schema of their own).</summary>
    public static Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => CaptureAsync(() =>
    {
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(Crisis.Cli.CrisisCommands.Register);
        return app.RunAsync(args);
    });

    public static async Task<(int Exit, string Out, string Error)> CaptureAsync(Func<Task<int>> run)
    {
        var (output, error, ansi) = (Console.Out, Console.Error, Spectre.Console.AnsiConsole.Console);
        using var writtenOut = new StringWriter();
        using var writtenError = new StringWriter();
        Console.SetOut(writtenOut);
        Console.SetError(writtenError);
        // Spectre keeps the writer it was given: this run's, then the original back for the next spec.
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(writtenOut) });
        try
        {
            return (await run(), writtenOut.ToString(), writtenError.ToString());
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
            Spectre.Console.AnsiConsole.Console = ansi;
        }
    }
}
