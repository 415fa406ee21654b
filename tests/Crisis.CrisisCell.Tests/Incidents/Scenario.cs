using System.Text.Json;
using Crisis.CrisisCell.Incidents;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Tests.Incidents;

/// <summary>Given(events) / When(command) / Then(events or refusal) over the incident decider.</summary>
internal sealed class Scenario
{
    private readonly IncidentEvent[] _given;
    private IncidentCommand? _when;

    private Scenario(IncidentEvent[] given) => _given = given;

    public static Scenario Given(params IncidentEvent[] events) => new(events);

    public Scenario When(IncidentCommand command)
    {
        _when = command;
        return this;
    }

    public IncidentState State => IncidentDecider.Instance.Fold(_given);

    public IReadOnlyList<IncidentEvent> Decided() => IncidentDecider.Instance.Decide(_when!, State);

    /// <summary>Events compare by their JSON form: records holding lists are not equal by reference, and this also proves they serialise.</summary>
    public void Then(params IncidentEvent[] expected) =>
        Assert.That(Describe(Decided()), Is.EqualTo(Describe(expected)));

    public void ThenNothing() => Assert.That(Decided(), Is.Empty);

    public void ThenRefused(DomainRefusalKind kind, string messagePart)
    {
        var refusal = Assert.Throws<DomainRefusalException>(() => Decided());
        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Kind, Is.EqualTo(kind));
            Assert.That(refusal.Message, Does.Contain(messagePart));
        });
    }

    /// <summary>The state after the given events and the decided ones, to check what the incident now knows.</summary>
    public Incident StateAfter() => (Incident)IncidentDecider.Instance.Fold([.. _given, .. Decided()]);

    private static string[] Describe(IEnumerable<IncidentEvent> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")];
}
