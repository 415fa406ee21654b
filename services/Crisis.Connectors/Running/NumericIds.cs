namespace Crisis.Connectors.Running;

/// <summary>Ids that are decimal numbers growing with time (Mastodon status ids, X tweet ids), compared as numbers.</summary>
internal static class NumericIds
{
    public static readonly IComparer<string?> Order = Comparer<string?>.Create((a, b) =>
        a is null || b is null ? Comparer<string?>.Default.Compare(a, b) : a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    public static bool IsId(string? id) => id is { Length: > 0 and <= 30 } && id.All(char.IsAsciiDigit);

    /// <summary>The highest of <paramref name="ids"/> and <paramref name="current"/>; the new position when it moved, else null.</summary>
    public static string? Newest(IEnumerable<string> ids, string current, out string newest)
    {
        newest = current;
        foreach (var id in ids) if (IsId(id) && Order.Compare(id, newest) > 0) newest = id;
        return ReferenceEquals(newest, current) ? null : newest;
    }
}
