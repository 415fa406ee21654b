namespace Crisis.Detection.Projecting;

/// <summary>Where live detection stands: the last event sequence it decided and its event-time watermark.</summary>
public sealed class DetectionCheckpoint
{
    public const string SingletonId = "detection";

    public string Id { get; set; } = SingletonId;
    public long LastSequence { get; set; }
    public DateTimeOffset? Watermark { get; set; }
}
