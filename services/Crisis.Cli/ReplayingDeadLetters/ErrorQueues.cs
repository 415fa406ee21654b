using System.Globalization;
using System.Text;
using System.Text.Json;
using Crisis.Contracts.Mentions;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Notifying.Delivering;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Crisis.Cli.ReplayingDeadLetters;

/// <summary>One message of an error queue, as MassTransit left it there.</summary>
public sealed record DeadLetter(string? MessageId, string MessageType, string Reason, string? ExceptionType, string? FailedAt, string? Consumer);

/// <summary>
/// The <c>_error</c> queues MassTransit moves failed messages to, read and moved with RabbitMQ.Client. Each queue is a
/// quorum queue with the receive queue's delivery limit (MassTransit copies the arguments), so a message is never read by
/// returning it (each return counts against the limit, and RabbitMQ drops it at the limit): it is taken, published again
/// (to the same queue's end, or back to its receive queue) with a broker confirm, and only then acknowledged. A crash in
/// between leaves a copy in both places, which the idempotent consumers make harmless; nothing is ever lost.
/// </summary>
public sealed class ErrorQueues(IConnection connection) : IAsyncDisposable
{
    public const string Suffix = "_error";

    /// <summary>The receive queues of Crisis, each with its error queue.</summary>
    public static readonly IReadOnlyList<string> ReceiveQueues =
    [
        MentionQueues.Observed,
        BuzzEscalatedConsumerDefinition.QueueName,
        DeliverNotificationConsumerDefinition.QueueName,
        DeliveryFaultConsumerDefinition.QueueName,
    ];

    /// <summary>Headers MassTransit writes when it moves a message to an error queue; a replayed message starts clean.</summary>
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", MessageHeaders.Reason, "MT-Host-"];

    public static async Task<ErrorQueues> ConnectAsync(Uri broker, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "crisis dead-letters" };
        return new ErrorQueues(await factory.CreateConnectionAsync(ct));
    }

    /// <summary><c>crisis-mentions</c> or <c>crisis-mentions_error</c> → <c>crisis-mentions_error</c>.</summary>
    public static string ErrorQueueOf(string queue) => queue.EndsWith(Suffix, StringComparison.Ordinal) ? queue : queue + Suffix;

    public static string ReceiveQueueOf(string errorQueue) => errorQueue[..^Suffix.Length];

    /// <summary>Messages waiting in <paramref name="queue"/>, or null when the broker has no such queue.</summary>
    public async Task<uint?> CountAsync(string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes the channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from <paramref name="from"/> to the end of <paramref name="to"/>,
    /// one at a time (publish confirmed, then acknowledge). <paramref name="clean"/> drops the fault headers. Returns what it moved.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> MoveAsync(string from, string to, int max, bool clean, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = new List<DeadLetter>();
        while (moved.Count < max)
        {
            var got = await channel.BasicGetAsync(from, autoAck: false, ct);
            if (got is null) break;
            var properties = new BasicProperties(got.BasicProperties)
            {
                Headers = got.BasicProperties.Headers?
                    .Where(h => !clean || !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                    // The broker's own count of this copy's deliveries: the new copy starts at none.
                    .Where(h => !h.Key.Equals("x-delivery-count", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            // Mandatory: a queue that does not exist returns the message, and the publish throws before the acknowledgement.
            await channel.BasicPublishAsync("", to, mandatory: true, properties, got.Body, ct);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            moved.Add(Describe(got));
        }
        return moved;
    }

    private static DeadLetter Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? Text(value) : null;
        var exceptionType = Header(MessageHeaders.FaultExceptionType);
        var reason = Header(MessageHeaders.FaultMessage) ?? Header(MessageHeaders.Reason) ?? "no reason given";
        return new DeadLetter(got.BasicProperties.MessageId, MessageTypeOf(got.Body.Span, Header(MessageHeaders.FaultMessageType)), reason,
            exceptionType, Header(MessageHeaders.FaultTimestamp), Header(MessageHeaders.FaultConsumerType));
    }

    /// <summary>The first message type of MassTransit's envelope (<c>urn:message:Namespace:Type</c>), else the fault header's.</summary>
    private static string MessageTypeOf(ReadOnlySpan<byte> body, string? fromHeader)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("messageType", out var types)
                        && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                        && types[0].GetString() is { } urn)
                    {
                        return urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..] : urn;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not an envelope: the body is what made it fail.
        }
        return fromHeader ?? "unknown (not a MassTransit envelope)";
    }

    /// <summary>AMQP strings arrive as bytes; numbers and timestamps as themselves.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp at => DateTimeOffset.FromUnixTimeSeconds(at.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}
