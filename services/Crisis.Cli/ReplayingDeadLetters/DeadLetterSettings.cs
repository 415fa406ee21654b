using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.ReplayingDeadLetters;

/// <summary>Options shared by <c>crisis dead-letters list</c> and <c>replay</c>: which broker, which queue, how to print.</summary>
public class DeadLetterSettings : CommandSettings
{
    public const string DefaultBroker = "amqp://crisis:crisis@127.0.0.1:5672/crisis";

    [CommandOption("--rabbitmq <URI>")]
    [Description("RabbitMQ URI with the virtual host (amqp://user:password@host:5672/vhost). Default: $CRISIS_RABBITMQ, else the local development broker.")]
    public string? RabbitMq { get; init; }

    [CommandOption("--queue <NAME>")]
    [Description("A receive queue (crisis-mentions) or its error queue (crisis-mentions_error).")]
    public string? Queue { get; init; }

    [CommandOption("--output <FORMAT>")]
    [Description(Hosting.OutputOption.Description)]
    public string Output { get; init; } = "table";

    public Hosting.OutputFormat Format => Hosting.OutputOption.Parse(Output);

    public Uri Broker => new(RabbitMq ?? Environment.GetEnvironmentVariable("CRISIS_RABBITMQ") ?? DefaultBroker);

    public override ValidationResult Validate()
    {
        var broker = RabbitMq ?? Environment.GetEnvironmentVariable("CRISIS_RABBITMQ") ?? DefaultBroker;
        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            return ValidationResult.Error($"--rabbitmq must be an amqp:// or amqps:// URI, not '{broker}'");
        if (Queue is not null && (Queue.Length == 0 || Queue == ErrorQueues.Suffix || Queue.Any(char.IsWhiteSpace)))
            return ValidationResult.Error($"--queue must name a queue, like crisis-mentions or crisis-mentions_error, not '{Queue}'");
        return Hosting.OutputOption.Check(Output) ?? ValidationResult.Success();
    }
}
