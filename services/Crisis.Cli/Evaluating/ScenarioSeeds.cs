using System.Globalization;

namespace Crisis.Cli.Evaluating;

/// <summary>Seed lists on the command line: <c>1-140</c>, <c>3,5,8</c> or both (<c>1-10,20</c>).</summary>
public static class ScenarioSeeds
{
    private const int MaxSeeds = 100_000;

    public static bool TryParse(string text, out int[] seeds, out string? problem)
    {
        var list = new List<int>();
        seeds = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', 2);
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || (bounds.Length == 2 && !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                problem = $"--scenarios: '{part}' is not a seed or a range of seeds (like 1-140)";
                return false;
            }
            var to = bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from;
            if (to < from || (long)list.Count + to - from + 1 > MaxSeeds)
            {
                problem = $"--scenarios: '{part}' must run upwards and the whole list hold at most {MaxSeeds} seeds";
                return false;
            }
            for (var seed = from; seed <= to; seed++) list.Add(seed);
        }
        seeds = [.. list];
        problem = null;
        return true;
    }
}
