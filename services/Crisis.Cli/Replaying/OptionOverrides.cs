using System.Globalization;
using System.Text.Json.Nodes;
using Crisis.Detection.Detecting;

namespace Crisis.Cli.Replaying;

/// <summary>
/// <c>--set Option=value</c>: changes detector options by name, through their JSON form so that the same names,
/// formats ("00:05:00" for durations) and validation apply as for a <c>--config</c> file.
/// </summary>
public static class OptionOverrides
{
    public static DetectorOptions Apply(DetectorOptions options, IEnumerable<string> assignments)
    {
        var json = JsonNode.Parse(options.ToJson())!.AsObject();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new DetectorOptionsException("--set", $"'{assignment}' is not Option=value");
            var name = assignment[..equals].Trim();
            var text = assignment[(equals + 1)..].Trim();
            var key = json.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new DetectorOptionsException(name, $"--set: no detector option named '{name}'");
            json[key] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && json[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
                ? JsonValue.Create(number)
                : bool.TryParse(text, out var flag) ? JsonValue.Create(flag)
                : JsonValue.Create(text);
        }
        return DetectorOptions.FromJson(json.ToJsonString());
    }
}
