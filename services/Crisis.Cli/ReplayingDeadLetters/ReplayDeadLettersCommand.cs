using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.ReplayingDeadLetters;

/// <summary>
/// <c>crisis dead-letters replay --queue crisis-mentions</c>: moves the messages of an error queue back to the queue they
/// failed on, without their fault headers, once the cause is fixed. A move, not a copy (published with a broker confirm,
/// then removed), so a replay never doubles a message; at most the count found at the start is moved, so a message
/// that fails again and returns to the error queue is not replayed twice in one run.
/// </summary>
public sealed class ReplayDeadLettersCommand : AsyncCommand<ReplayDeadLettersCommand.Settings>
{
    public sealed class Settings : DeadLetterSettings
    {
        [CommandOption("--limit <COUNT>")]
        [Description("Replay at most this many messages (the oldest first). Default: all.")]
        public int? Limit { get; init; }

        public override ValidationResult Validate()
        {
            if (Queue is null) return ValidationResult.Error("--queue is required: the receive queue whose error queue to replay, like crisis-mentions");
            if (Limit is < 1) return ValidationResult.Error("--limit must be 1 or more");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var queues = await DeadLetterCommands.ConnectAsync(settings, cancellationToken);
        if (queues is null) return 1;
        var errorQueue = ErrorQueues.ErrorQueueOf(settings.Queue!);
        var receiveQueue = ErrorQueues.ReceiveQueueOf(errorQueue);
        var count = await queues.CountAsync(errorQueue, cancellationToken);
        if (count is null)
        {
            await Console.Error.WriteLineAsync($"no queue named '{errorQueue}' on {DeadLetterCommands.Where(settings.Broker)}");
            return 1;
        }
        if (await queues.CountAsync(receiveQueue, cancellationToken) is null)
        {
            await Console.Error.WriteLineAsync($"no queue named '{receiveQueue}' to replay to on {DeadLetterCommands.Where(settings.Broker)}");
            return 1;
        }
        var max = (int)Math.Min(count.Value, (uint)(settings.Limit ?? int.MaxValue));
        var moved = await queues.MoveAsync(errorQueue, receiveQueue, max, clean: true, cancellationToken);
        if (settings.Format != Hosting.OutputFormat.Table)
        {
            // For scripts, one row per message type moved (none: the header alone, or []).
            var rows = new Hosting.OutputTable(new("from", "from"), new("to", "to"), new("messageType", "type"), new("messages", "messages"));
            foreach (var byType in moved.GroupBy(m => m.MessageType)) rows.Add(errorQueue, receiveQueue, byType.Key, byType.Count());
            rows.Write(settings.Format, Console.Out);
            return 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {moved.Count} message(s) from {errorQueue} to {receiveQueue}"));
        foreach (var byType in moved.GroupBy(m => m.MessageType))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {byType.Count()} {byType.Key}"));
        return 0;
    }
}

/// <summary>What both commands share: connecting, with a message instead of a stack trace when the broker will not have us.</summary>
internal static class DeadLetterCommands
{
    public static async Task<ErrorQueues?> ConnectAsync(DeadLetterSettings settings, CancellationToken ct)
    {
        try
        {
            return await ErrorQueues.ConnectAsync(settings.Broker, ct);
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException e)
        {
            await Console.Error.WriteLineAsync($"cannot reach RabbitMQ at {Where(settings.Broker)}: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
    }

    /// <summary>The broker and virtual host, never the password.</summary>
    public static string Where(Uri broker) => $"{broker.Host}:{broker.Port} vhost '{Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'))}'";
}
