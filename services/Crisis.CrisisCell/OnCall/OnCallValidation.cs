using System.Globalization;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.OnCall;

/// <summary>Checks an organisation's roster and policy before they are saved; each refusal names the field to fix.</summary>
public static class OnCallValidation
{
    public static void Validate(OnCallRoster roster)
    {
        Require(roster.Rotations.Count > 0, "rotations", "at least one rotation is required");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < roster.Rotations.Count; i++)
        {
            var rotation = roster.Rotations[i];
            var path = Path("rotations", i);
            Require(!string.IsNullOrWhiteSpace(rotation.Id), path + ".id", "is required");
            Require(ids.Add(rotation.Id), path + ".id", $"'{rotation.Id}' is used by an earlier rotation");
            Require(rotation.ShiftLength > TimeSpan.Zero, path + ".shiftLength", "must be positive");
            Require(rotation.Members.Count > 0, path + ".members", "at least one member is required");
            for (var m = 0; m < rotation.Members.Count; m++)
                Require(!string.IsNullOrWhiteSpace(rotation.Members[m].Id), Path(path + ".members", m) + ".id", "is required");
        }
    }

    public static void Validate(EscalationPolicy policy, OnCallRoster roster)
    {
        Require(policy.Levels.Count > 0, "levels", "at least one level is required");
        for (var i = 0; i < policy.Levels.Count; i++)
        {
            var level = policy.Levels[i];
            var path = Path("levels", i);
            Require(level.Level == i + 1, path + ".level", string.Create(CultureInfo.InvariantCulture, $"levels are numbered 1, 2, ... in order: expected {i + 1}"));
            Require(level.AfterUnacknowledged >= TimeSpan.Zero, path + ".afterUnacknowledged", "must not be negative");
            Require(i == 0 || level.AfterUnacknowledged > policy.Levels[i - 1].AfterUnacknowledged, path + ".afterUnacknowledged",
                "must come after the previous level's");
            Require(level.RotationIds.Count > 0, path + ".rotationIds", "at least one rotation is required");
            foreach (var id in level.RotationIds)
                Require(roster.Rotation(id) is not null, path + ".rotationIds", $"no rotation '{id}' in the roster");
        }
        Require(policy.RepeatLimit >= 0, "repeatLimit", "must not be negative");

        var noise = policy.Noise;
        Require(noise.MaxNotificationsPerWindow >= 1, "noise.maxNotificationsPerWindow", "must be at least 1");
        Require(noise.CapWindow > TimeSpan.Zero, "noise.capWindow", "must be positive");
        Require(noise.QuietRenotifyInterval > TimeSpan.Zero, "noise.quietRenotifyInterval", "must be positive");
        Require(noise.GroupingWindow >= TimeSpan.Zero, "noise.groupingWindow", "must not be negative");
        for (var i = 0; i < noise.MaintenanceWindows.Count; i++)
            Require(noise.MaintenanceWindows[i].From < noise.MaintenanceWindows[i].Until, Path("noise.maintenanceWindows", i), "must end after it starts");
    }

    private static string Path(string array, int index) => string.Create(CultureInfo.InvariantCulture, $"{array}[{index}]");

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
            throw new DomainRefusalException($"on-call field '{field}': {problem}", DomainRefusalKind.Invalid);
    }
}
