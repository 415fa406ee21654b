using System.Globalization;
using System.Text.Json;

namespace Crisis.Detection.Evaluating;

/// <summary>Reads NAB's <c>windows.json</c>: file name → list of [start, end] timestamps.</summary>
public static class NabWindows
{
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            var windows = new List<NabWindow>();
            foreach (var pair in file.Value.EnumerateArray())
                windows.Add(new NabWindow(Parse(pair[0].GetString(), path), Parse(pair[1].GetString(), path)));
            result[file.Name] = windows;
        }
        return result;
    }

    private static DateTimeOffset Parse(string? text, string path) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new SeriesFormatException($"{path}: '{text}' is not a window timestamp");
}
