using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.ReplayingDeadLetters;

/// <summary>
/// <c>crisis dead-letters list [--queue crisis-mentions]</c>: how many messages each error queue holds and, for the
/// first few, their type, why they failed (MassTransit's fault headers) and when. Reading a message moves it to its
/// queue's end (<see cref="ErrorQueues"/>): the queue keeps every message and no delivery limit is spent.
/// </summary>
public sealed class ListDeadLettersCommand : AsyncCommand<ListDeadLettersCommand.Settings>
{
    public sealed class Settings : DeadLetterSettings
    {
        [CommandOption("--show <COUNT>")]
        [Description("Messages to describe per queue (0: counts only). Default: 20.")]
        public int Show { get; init; } = 20;

        public override ValidationResult Validate() =>
            Show < 0 ? ValidationResult.Error("--show must be 0 or more") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var queues = await DeadLetterCommands.ConnectAsync(settings, cancellationToken);
        if (queues is null) return 1;
        var errorQueues = settings.Queue is { } one ? [ErrorQueues.ErrorQueueOf(one)] : ErrorQueues.ReceiveQueues.Select(ErrorQueues.ErrorQueueOf).ToArray();
        var people = settings.Format == OutputFormat.Table;
        // For scripts, one row per message described; a queue with none described (empty, absent, --show 0) has one row of its own.
        var rows = new OutputTable(new("queue", "queue"), new("queueMessages", "messages"), new("messageId", "id"), new("messageType", "type"),
            new("failedAt", "failed at"), new("reason", "reason"), new("exceptionType", "exception"), new("consumer", "consumer"));
        foreach (var queue in errorQueues)
        {
            var count = await queues.CountAsync(queue, cancellationToken);
            if (count is null && settings.Queue is not null)
            {
                await Console.Error.WriteLineAsync($"no queue named '{queue}' on {DeadLetterCommands.Where(settings.Broker)}");
                return 1;
            }
            var shown = count is > 0 && settings.Show > 0
                ? await queues.MoveAsync(queue, queue, (int)Math.Min(count.Value, (uint)settings.Show), clean: false, cancellationToken) : [];
            if (people) Tell(queue, count, shown);
            else if (shown.Count == 0) rows.Add(queue, (long?)count, null, null, null, null, null, null);
            foreach (var letter in shown) rows.Add(queue, (long?)count, letter.MessageId, letter.MessageType, letter.FailedAt, letter.Reason, letter.ExceptionType, letter.Consumer);
        }
        if (!people) rows.Write(settings.Format, Console.Out);
        return 0;
    }

    private static void Tell(string queue, uint? count, IReadOnlyList<DeadLetter> shown)
    {
        if (count is null)
        {
            Console.WriteLine($"{queue}: none (the queue does not exist yet)");
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{queue}: {count} message(s)"));
        foreach (var letter in shown)
        {
            Console.WriteLine($"  {letter.FailedAt ?? "(no time)"}  {letter.MessageType}  id {letter.MessageId ?? "(none)"}");
            Console.WriteLine($"    reason: {letter.Reason}{(letter.ExceptionType is null ? "" : $" ({letter.ExceptionType})")}");
            if (letter.Consumer is not null) Console.WriteLine($"    consumer: {letter.Consumer}");
        }
        if (count > shown.Count) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {count - shown.Count} more (--show)"));
    }
}
