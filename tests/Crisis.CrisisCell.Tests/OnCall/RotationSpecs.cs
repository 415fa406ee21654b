using Crisis.CrisisCell.OnCall;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Tests.OnCall;

public class When_asking_who_is_on_call
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly Rotation Primary = new("primary", Start, TimeSpan.FromHours(12),
        [new Responder("ana"), new Responder("ben"), new Responder("cyd")]);

    [TestCase(0, "ana")]
    [TestCase(11.99, "ana")]
    [TestCase(12, "ben")]
    [TestCase(24, "cyd")]
    [TestCase(36, "ana")]
    [TestCase(24 * 30 + 13, "ben")]
    public void Members_take_shifts_in_turn_from_the_rotation_start(double hoursAfterStart, string expected) =>
        Assert.That(Primary.OnCallAt(Start.AddHours(hoursAfterStart))!.Id, Is.EqualTo(expected));

    [Test]
    public void Nobody_is_on_call_before_the_rotation_starts() =>
        Assert.That(Primary.OnCallAt(Start.AddTicks(-1)), Is.Null);

    [Test]
    public void A_responder_is_found_by_id_with_their_channel() =>
        Assert.That(new OnCallRoster("o", [Primary]).Responder("cyd"), Is.EqualTo(new Responder("cyd")));
}

public class When_an_organisation_configures_on_call
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly OnCallRoster Roster = new("o",
    [
        new Rotation("primary", Start, TimeSpan.FromHours(12), [new Responder("ana")]),
        new Rotation("managers", Start, TimeSpan.FromDays(7), [new Responder("mia")]),
    ]);
    private static readonly NoiseControl Noise = new(10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), []);
    private static readonly EscalationPolicy Policy = new("o",
        [new EscalationLevel(1, TimeSpan.Zero, ["primary"]), new EscalationLevel(2, TimeSpan.FromMinutes(15), ["managers"])], 2, Noise);

    [Test]
    public void A_sound_roster_and_policy_pass() =>
        Assert.That(() => { OnCallValidation.Validate(Roster); OnCallValidation.Validate(Policy, Roster); }, Throws.Nothing);

    private static IEnumerable<TestCaseData> BadRosters()
    {
        yield return new TestCaseData(Roster with { Rotations = [] }, "rotations").SetName("{m}(no rotation)");
        yield return new TestCaseData(Roster with { Rotations = [Roster.Rotations[0], Roster.Rotations[0]] }, "rotations[1].id").SetName("{m}(duplicate id)");
        yield return new TestCaseData(Roster with { Rotations = [Roster.Rotations[0] with { ShiftLength = TimeSpan.Zero }] }, "rotations[0].shiftLength")
            .SetName("{m}(empty shift)");
        yield return new TestCaseData(Roster with { Rotations = [Roster.Rotations[0] with { Members = [] }] }, "rotations[0].members").SetName("{m}(no member)");
        yield return new TestCaseData(Roster with { Rotations = [Roster.Rotations[0] with { Members = [new Responder("")] }] },
            "rotations[0].members[0].id").SetName("{m}(nameless member)");
    }

    [TestCaseSource(nameof(BadRosters))]
    public void A_bad_roster_is_refused_naming_the_field(OnCallRoster roster, string field) =>
        Assert.That(() => OnCallValidation.Validate(roster),
            Throws.TypeOf<DomainRefusalException>().With.Message.Contains($"'{field}'")
                .And.Property(nameof(DomainRefusalException.Kind)).EqualTo(DomainRefusalKind.Invalid));

    private static IEnumerable<TestCaseData> BadPolicies()
    {
        var level1 = Policy.Levels[0];
        var level2 = Policy.Levels[1];
        yield return new TestCaseData(Policy with { Levels = [] }, "levels").SetName("{m}(no level)");
        yield return new TestCaseData(Policy with { Levels = [level2] }, "levels[0].level").SetName("{m}(numbering does not start at 1)");
        yield return new TestCaseData(Policy with { Levels = [level1, level2 with { AfterUnacknowledged = TimeSpan.Zero }] }, "levels[1].afterUnacknowledged")
            .SetName("{m}(level 2 not after level 1)");
        yield return new TestCaseData(Policy with { Levels = [level1 with { AfterUnacknowledged = TimeSpan.FromMinutes(-1) }] }, "levels[0].afterUnacknowledged")
            .SetName("{m}(negative delay)");
        yield return new TestCaseData(Policy with { Levels = [level1 with { RotationIds = ["ghosts"] }] }, "levels[0].rotationIds").SetName("{m}(unknown rotation)");
        yield return new TestCaseData(Policy with { Levels = [level1 with { RotationIds = [] }] }, "levels[0].rotationIds").SetName("{m}(no rotation)");
        yield return new TestCaseData(Policy with { RepeatLimit = -1 }, "repeatLimit").SetName("{m}(negative repeat limit)");
        yield return new TestCaseData(Policy with { Noise = Noise with { MaxNotificationsPerWindow = 0 } }, "noise.maxNotificationsPerWindow").SetName("{m}(no room)");
        yield return new TestCaseData(Policy with { Noise = Noise with { CapWindow = TimeSpan.Zero } }, "noise.capWindow").SetName("{m}(empty cap window)");
        yield return new TestCaseData(Policy with { Noise = Noise with { QuietRenotifyInterval = TimeSpan.Zero } }, "noise.quietRenotifyInterval")
            .SetName("{m}(no quiet interval)");
        yield return new TestCaseData(Policy with { Noise = Noise with { GroupingWindow = TimeSpan.FromSeconds(-1) } }, "noise.groupingWindow")
            .SetName("{m}(negative grouping)");
        yield return new TestCaseData(Policy with { Noise = Noise with { MaintenanceWindows = [new MaintenanceWindow(Start, Start)] } }, "noise.maintenanceWindows[0]")
            .SetName("{m}(empty maintenance window)");
    }

    [TestCaseSource(nameof(BadPolicies))]
    public void A_bad_policy_is_refused_naming_the_field(EscalationPolicy policy, string field) =>
        Assert.That(() => OnCallValidation.Validate(policy, Roster),
            Throws.TypeOf<DomainRefusalException>().With.Message.Contains($"'{field}'")
                .And.Property(nameof(DomainRefusalException.Kind)).EqualTo(DomainRefusalKind.Invalid));
}
