using Crisis.Connectors.Running;
using Crisis.Contracts.Mentions;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>
/// The intake's contract as connectors rely on it: a mention is stored once per (platform, post id, brand) however often
/// it is sent, and the call returns only once "committed". It can crash right after committing a given call, as a host
/// killed between the intake's commit and the cursor's would.
/// </summary>
public sealed class RecordingIntake : IMentionIntake
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, MentionObserved> stored = new(StringComparer.Ordinal);
    private int calls;

    public int CrashAfterCommittingCall { get; set; }

    public int Received { get; private set; }

    public string? Organisation { get; private set; }

    public IReadOnlyDictionary<string, MentionObserved> Stored
    {
        get { lock (gate) return new Dictionary<string, MentionObserved>(stored); }
    }

    public Task<IntakeOutcome> RecordAsync(string organisation, IReadOnlyList<MentionObserved> mentions, CancellationToken cancellationToken)
    {
        int accepted = 0, duplicate = 0, call;
        lock (gate)
        {
            Organisation = organisation;
            Received += mentions.Count;
            foreach (var mention in mentions)
            {
                if (stored.TryAdd($"{mention.Platform}:{mention.PostId}:{mention.BrandId}", mention)) accepted++;
                else duplicate++;
            }
            call = ++calls;
        }
        if (call == CrashAfterCommittingCall) throw new InvalidOperationException("crashed after the commit, before the cursor");
        return Task.FromResult(new IntakeOutcome(accepted, duplicate, 0, []));
    }
}
