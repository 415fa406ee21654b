using Crisis.Cli.Scoring;
using Spectre.Console.Cli;

namespace Crisis.Cli;

/// <summary>Every operator command, in one list so `crisis --help` and the code agree.</summary>
public static class CrisisCommands
{
    public static void Register(IConfigurator config)
    {
        config.SetApplicationName("crisis");
        config.PropagateExceptions();
        config.ValidateExamples();
        config.AddCommand<ScoreCommand>("score").WithDescription("Score the negativity of every mention in a TSV or NDJSON file");
        config.AddCommand<TrainNegativityCommand>("train-negativity").WithDescription("Train the mention negativity model and write its dev report");
    }
}
