using System.Globalization;
using System.Text.Json;

namespace Crisis.CrisisCell.Playbooks;

/// <summary>
/// Reads a playbook from JSON. Parsed by hand over <see cref="JsonDocument"/> rather than deserialised, so that
/// every error names the exact field (<c>stages[1].deadlineMinutes</c>) an operator has to fix.
/// </summary>
/// <example>
/// { "organisationId": "acme", "stages": [ { "id": "respond", "name": "Respond", "guidance": "...",
///   "deadlineMinutes": 30, "checklist": [ { "id": "first-message", "text": "...", "warning": null } ] } ] }
/// </example>
public static class PlaybookJson
{
    public static Playbook Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PlaybookValidationException("$", $"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new PlaybookValidationException("$", "must be a JSON object");

            var organisationId = RequiredString(root, "organisationId", "organisationId");
            var stages = ReadStages(root);
            return new Playbook(organisationId, stages);
        }
    }

    private static List<PlaybookStage> ReadStages(JsonElement root)
    {
        if (!root.TryGetProperty("stages", out var array) || array.ValueKind != JsonValueKind.Array)
            throw new PlaybookValidationException("stages", "is required and must be an array");
        if (array.GetArrayLength() == 0)
            throw new PlaybookValidationException("stages", "must hold at least one stage");

        var stages = new List<PlaybookStage>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"stages[{index}]");
            if (element.ValueKind != JsonValueKind.Object)
                throw new PlaybookValidationException(path, "must be an object");

            var id = RequiredString(element, "id", path + ".id");
            if (!ids.Add(id))
                throw new PlaybookValidationException(path + ".id", $"'{id}' is used by an earlier stage");
            var name = RequiredString(element, "name", path + ".name");
            var guidance = OptionalString(element, "guidance", path + ".guidance") ?? "";
            var deadline = ReadDeadline(element, path + ".deadlineMinutes");
            // Deadlines count from detection, so a later stage cannot be due before an earlier one.
            if (stages.Count > 0 && deadline < stages[^1].DeadlineAfterDetection)
                throw new PlaybookValidationException(path + ".deadlineMinutes",
                    $"must not be earlier than the previous stage's ({stages[^1].DeadlineAfterDetection.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes)");
            var checklist = ReadChecklist(element, path + ".checklist");
            stages.Add(new PlaybookStage(id, name, guidance, deadline, checklist));
            index++;
        }
        return stages;
    }

    private static TimeSpan ReadDeadline(JsonElement stage, string path)
    {
        if (!stage.TryGetProperty("deadlineMinutes", out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetDouble(out var minutes))
            throw new PlaybookValidationException(path, "is required and must be a number of minutes");
        if (minutes <= 0 || double.IsNaN(minutes) || minutes > TimeSpan.FromDays(365).TotalMinutes)
            throw new PlaybookValidationException(path, "must be more than 0 and at most a year");
        return TimeSpan.FromMinutes(minutes);
    }

    private static List<ChecklistItem> ReadChecklist(JsonElement stage, string path)
    {
        if (!stage.TryGetProperty("checklist", out var array) || array.ValueKind == JsonValueKind.Null)
            return [];
        if (array.ValueKind != JsonValueKind.Array)
            throw new PlaybookValidationException(path, "must be an array");

        var items = new List<ChecklistItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            if (element.ValueKind != JsonValueKind.Object)
                throw new PlaybookValidationException(itemPath, "must be an object");
            var id = RequiredString(element, "id", itemPath + ".id");
            if (!ids.Add(id))
                throw new PlaybookValidationException(itemPath + ".id", $"'{id}' is used by an earlier item of this stage");
            var text = RequiredString(element, "text", itemPath + ".text");
            var warning = OptionalString(element, "warning", itemPath + ".warning");
            items.Add(new ChecklistItem(id, text, warning));
            index++;
        }
        return items;
    }

    private static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new PlaybookValidationException(path, "is required and must be a non-empty string");

    private static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new PlaybookValidationException(path, "must be a string");
    }
}
