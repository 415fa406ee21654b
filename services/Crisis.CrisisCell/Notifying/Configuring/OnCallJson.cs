using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crisis.CrisisCell.OnCall;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.CrisisCell.Notifying.Configuring;

/// <summary>
/// Reads an organisation's on-call JSON (see ops/config/on-call.example.json) and checks it with
/// <see cref="OnCallValidation"/> plus the contacts' own rules; every refusal names the field to fix.
/// </summary>
public static class OnCallJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static OnCallConfiguration Parse(string organisationId, string json)
    {
        FileDto file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(json, Options) ?? throw Invalid("(root)", "is empty");
        }
        catch (JsonException e)
        {
            throw Invalid(e.Path ?? "(root)", e.Message);
        }

        var roster = new OnCallRoster(organisationId, [.. (file.Rotations ?? []).Select((r, i) => new Rotation(
            r.Id ?? "", r.StartsAt, r.ShiftLength, [.. (r.Members ?? []).Select((m, j) => Member(m, string.Create(CultureInfo.InvariantCulture, $"rotations[{i}].members[{j}]")))]))]);
        var noise = file.Noise ?? new NoiseDto();
        var policy = new EscalationPolicy(
            organisationId,
            [.. (file.Levels ?? []).Select(l => new EscalationLevel(l.Level, l.AfterUnacknowledged, l.RotationIds ?? []))],
            file.RepeatLimit,
            new NoiseControl(noise.MaxNotificationsPerWindow, noise.CapWindow, noise.QuietRenotifyInterval, noise.GroupingWindow,
                [.. (noise.MaintenanceWindows ?? []).Select(w => new MaintenanceWindow(w.From, w.Until, w.BrandId))]));
        OnCallValidation.Validate(roster);
        OnCallValidation.Validate(policy, roster);

        var contacts = new Dictionary<string, IReadOnlyList<ContactEndpoint>>(StringComparer.Ordinal);
        foreach (var (recipient, endpoints) in file.Contacts ?? [])
        {
            var list = new List<ContactEndpoint>();
            for (var i = 0; i < endpoints.Count; i++)
                list.Add(Check(endpoints[i], string.Create(CultureInfo.InvariantCulture, $"contacts.{recipient}[{i}]"), list));
            contacts[recipient] = list;
        }
        return new OnCallConfiguration(roster, policy, contacts) { Language = LanguageOf(file.Language, "language") ?? UiLanguage.English };
    }

    /// <summary>
    /// A rotation's member is a person's id: how they are reached is their endpoints under <c>contacts</c>. A channel named
    /// here was never delivered through (Push, SMS and Phone have no channel), so it is refused rather than silently ignored.
    /// </summary>
    private static Responder Member(MemberDto m, string path)
    {
        if (m.Channel is { } named)
        {
            var why = ChannelNamed(named) is null ? $"'{named}' is not a channel Crisis delivers ({DeliveryChannels}); " : "";
            throw Invalid(path + ".channel", $"{why}a member names no channel: list how '{m.Id}' is reached under contacts.{m.Id}");
        }
        return new Responder(m.Id ?? "");
    }

    private const string DeliveryChannels = "Webhook, Slack, Teams or Email";

    /// <summary>The channel a file names, by name (any case); numbers and unknown names are not channels.</summary>
    private static DeliveryChannel? ChannelNamed(string name) =>
        name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse<DeliveryChannel>(name, ignoreCase: true, out var channel) ? channel : null;

    private static ContactEndpoint Check(EndpointDto e, string path, List<ContactEndpoint> earlier)
    {
        var named = e.Channel ?? throw Invalid(path + ".channel", $"is required ({DeliveryChannels})");
        var channel = ChannelNamed(named) ?? throw Invalid(path + ".channel", $"'{named}' is not a channel Crisis delivers ({DeliveryChannels})");
        var id = string.IsNullOrWhiteSpace(e.Id) ? channel.ToString().ToLowerInvariant() : e.Id;
        if (earlier.Any(x => x.Id == id)) throw Invalid(path + ".id", $"'{id}' is used by an earlier endpoint of this recipient");
        var language = LanguageOf(e.Language, path + ".language");
        if (channel == DeliveryChannel.Email)
        {
            if (string.IsNullOrWhiteSpace(e.Address) || !e.Address.Contains('@', StringComparison.Ordinal))
                throw Invalid(path + ".address", "an e-mail address is required");
            return new ContactEndpoint(id, channel, null, null, e.Address, language);
        }
        if (e.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw Invalid(path + ".url", "an absolute http(s) URL is required");
        // A generic webhook is signed: without a secret the receiver could not tell us from anyone else.
        if (channel == DeliveryChannel.Webhook && string.IsNullOrEmpty(e.Secret))
            throw Invalid(path + ".secret", "a webhook needs a signing secret");
        return new ContactEndpoint(id, channel, url, e.Secret, null, language);
    }

    /// <summary>A language tag as written in the file (en, fr, ar, ar-u-nu-latn for Latin digits); absent is null.</summary>
    private static UiLanguage? LanguageOf(string? tag, string field) =>
        tag is null ? null : UiLanguage.TryParse(tag, out var language) ? language : throw Invalid(field, UiLanguage.Rule);

    private static DomainRefusalException Invalid(string field, string problem) =>
        new($"on-call field '{field}': {problem}", DomainRefusalKind.Invalid);

    private sealed record FileDto(
        List<RotationDto>? Rotations, List<LevelDto>? Levels, int RepeatLimit, NoiseDto? Noise, Dictionary<string, List<EndpointDto>>? Contacts, string? Language = null);

    private sealed record RotationDto(string? Id, DateTimeOffset StartsAt, TimeSpan ShiftLength, List<MemberDto>? Members);

    private sealed record MemberDto(string? Id, string? Channel);

    private sealed record LevelDto(int Level, TimeSpan AfterUnacknowledged, List<string>? RotationIds);

    private sealed record NoiseDto(
        int MaxNotificationsPerWindow = 10, TimeSpan CapWindow = default, TimeSpan QuietRenotifyInterval = default,
        TimeSpan GroupingWindow = default, List<MaintenanceDto>? MaintenanceWindows = null);

    private sealed record MaintenanceDto(DateTimeOffset From, DateTimeOffset Until, string? BrandId);

    private sealed record EndpointDto(string? Id, string? Channel, Uri? Url, string? Secret, string? Address, string? Language = null);
}
