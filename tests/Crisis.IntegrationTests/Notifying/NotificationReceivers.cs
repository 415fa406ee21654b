using System.Globalization;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// The receivers the host notifies, started before the host because its on-call files name their ports. Two
/// organisations: <see cref="Organisation"/> (amina at level 1 by webhook and e-mail, karim at level 2 after
/// <see cref="LevelTwoAfter"/> by webhook), <see cref="FailingOrganisation"/> (bob, whose webhook answers 500, and his
/// e-mail), <see cref="ChatOrganisation"/> (lina at level 1 on Slack and Teams) and <see cref="CappedOrganisation"/>
/// (amina, karim and lina all at level 1 by webhook, at most <see cref="Cap"/> notifications per incident and hour).
/// </summary>
public sealed class NotificationReceivers : IAsyncDisposable
{
    public const string Organisation = "notify-org";
    public const string FailingOrganisation = "notify-failing-org";
    /// <summary>Same people as <see cref="Organisation"/>, under a maintenance window that covers the whole test run.</summary>
    public const string QuietOrganisation = "notify-quiet-org";
    public const string ChatOrganisation = "notify-chat-org";
    public const string CappedOrganisation = "notify-capped-org";
    /// <summary>The response desk's service-level organisation: lina on call at level 1, sam a responder, both by webhook.</summary>
    public const string DeskServiceLevelOrganisation = "desk-sla-org";
    public const int Cap = 2;
    public const string Secret = "it-webhook-secret";

    /// <summary>Seconds, so a spec waits on the escalation without a fake clock. The grouping window is 3 s: escalations
    /// published together land within it even when their appends race and retry on a loaded machine.</summary>
    public static readonly TimeSpan LevelTwoAfter = TimeSpan.FromSeconds(5);

    private readonly string directory;

    private NotificationReceivers(WebhookReceiver webhooks, SmtpReceiver smtp, string directory)
    {
        Webhooks = webhooks;
        Smtp = smtp;
        this.directory = directory;
    }

    public WebhookReceiver Webhooks { get; }

    public SmtpReceiver Smtp { get; }

    public static async Task<NotificationReceivers> StartAsync()
    {
        var webhooks = await WebhookReceiver.StartAsync();
        var smtp = SmtpReceiver.Start();
        var directory = Directory.CreateTempSubdirectory("crisis-it-on-call-").FullName;
        var receivers = new NotificationReceivers(webhooks, smtp, directory);
        await File.WriteAllTextAsync(receivers.FileOf(Organisation), receivers.OnCallJson());
        await File.WriteAllTextAsync(receivers.FileOf(FailingOrganisation), receivers.FailingOnCallJson());
        await File.WriteAllTextAsync(receivers.FileOf(ChatOrganisation), receivers.ChatOnCallJson());
        await File.WriteAllTextAsync(receivers.FileOf(CappedOrganisation), receivers.CappedOnCallJson());
        await File.WriteAllTextAsync(receivers.FileOf(DeskServiceLevelOrganisation), receivers.DeskOnCallJson());
        await File.WriteAllTextAsync(receivers.FileOf(QuietOrganisation), receivers.OnCallJson().Replace(
            "\"groupingWindow\": \"00:00:03\" }",
            "\"groupingWindow\": \"00:00:03\", \"maintenanceWindows\": [ { \"from\": \"2020-01-01T00:00:00+00:00\", \"until\": \"2100-01-01T00:00:00+00:00\" } ] }",
            StringComparison.Ordinal));
        return receivers;
    }

    /// <summary>The host's notification settings: quick timeouts, quick channel retries, the loopback relay.</summary>
    public IReadOnlyDictionary<string, string> HostSettings() => new Dictionary<string, string>(DeskServiceLevelSettings())
    {
        [$"Notifications__OnCallFiles__{Organisation}"] = FileOf(Organisation),
        [$"Notifications__OnCallFiles__{FailingOrganisation}"] = FileOf(FailingOrganisation),
        [$"Notifications__OnCallFiles__{QuietOrganisation}"] = FileOf(QuietOrganisation),
        [$"Notifications__OnCallFiles__{ChatOrganisation}"] = FileOf(ChatOrganisation),
        [$"Notifications__OnCallFiles__{CappedOrganisation}"] = FileOf(CappedOrganisation),
        ["Notifications__TimeoutPollMilliseconds"] = "500",
        ["Notifications__PublicBaseUrl"] = "http://crisis.test/",
        ["Notifications__ChannelRetries"] = "2",
        ["Notifications__ChannelRetryDelayMilliseconds"] = "50",
        ["Notifications__Smtp__Host"] = "127.0.0.1",
        ["Notifications__Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Notifications__Smtp__From"] = "crisis@test.local",
        ["Notifications__Smtp__UseStartTls"] = "false",
    };

    /// <summary>
    /// The desk's first-answer targets and the service-level organisation's on-call file, for every host of the run: the
    /// intake and the timeouts run on whichever node holds them, so all nodes must agree (as in production). The other
    /// organisations' targets are out of reach, so that no breach adds events the other specs do not expect.
    /// </summary>
    public IReadOnlyDictionary<string, string> DeskServiceLevelSettings() => new Dictionary<string, string>
    {
        [$"Notifications__OnCallFiles__{DeskServiceLevelOrganisation}"] = FileOf(DeskServiceLevelOrganisation),
        [$"Desk__Organisations__{DeskServiceLevelOrganisation}__FirstAnswerMinutes"] = "1",
        [$"Desk__Organisations__{Running.TestTokens.Organisation}__FirstAnswerMinutes"] = "10080",
        [$"Desk__Organisations__{Running.TestTokens.Organisation}__IncidentFirstAnswerMinutes"] = "10080",
        ["Desk__Organisations__desk-broken-org__FirstAnswerMinutes"] = "10080",
        ["Desk__Organisations__desk-broken-org__IncidentFirstAnswerMinutes"] = "10080",
        ["Desk__ServiceLevelPollMilliseconds"] = "500",
        // The service-level spec warns the lead in two rounds a minute apart: no hold between warnings here.
        ["Desk__ServiceLevelWarningMinutes"] = "0",
    };

    private string DeskOnCallJson() => $$"""
        {
          "rotations": [ { "id": "leads", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "lina" } ] } ],
          "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "leads" ] } ],
          {{Noise}}
          "contacts": {
            "lina": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("hooks/desk-lina")}}", "secret": "{{Secret}}" } ],
            "sam": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("hooks/desk-sam")}}", "secret": "{{Secret}}" } ]
          }
        }
        """;

    private string FileOf(string organisation) => Path.Combine(directory, organisation + ".json");

    private string Hook(string path) => new Uri(Webhooks.BaseAddress, path).ToString();

    private static string Noise => """
        "repeatLimit": 0,
        "noise": { "maxNotificationsPerWindow": 50, "capWindow": "01:00:00", "quietRenotifyInterval": "01:00:00", "groupingWindow": "00:00:03" },
        """;

    private string OnCallJson() => $$"""
        {
          "rotations": [
            { "id": "first", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "amina" } ] },
            { "id": "second", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "karim" } ] }
          ],
          "levels": [
            { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "first" ] },
            { "level": 2, "afterUnacknowledged": "{{LevelTwoAfter:c}}", "rotationIds": [ "second" ] }
          ],
          {{Noise}}
          "contacts": {
            "amina": [
              { "id": "webhook", "channel": "Webhook", "url": "{{Hook("hooks/amina")}}", "secret": "{{Secret}}" },
              { "id": "email", "channel": "Email", "address": "amina@test.local" }
            ],
            "karim": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("hooks/karim")}}", "secret": "{{Secret}}" } ]
          }
        }
        """;

    private string FailingOnCallJson() => $$"""
        {
          "rotations": [ { "id": "only", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "bob" } ] } ],
          "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "only" ] } ],
          {{Noise}}
          "contacts": {
            "bob": [
              { "id": "webhook", "channel": "Webhook", "url": "{{Hook("failing/bob")}}", "secret": "{{Secret}}" },
              { "id": "email", "channel": "Email", "address": "bob@test.local" }
            ]
          }
        }
        """;

    private string ChatOnCallJson() => $$"""
        {
          "rotations": [ { "id": "social", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "lina" } ] } ],
          "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "social" ] } ],
          {{Noise}}
          "contacts": {
            "lina": [
              { "id": "slack", "channel": "Slack", "url": "{{Hook("slack/lina")}}" },
              { "id": "teams", "channel": "Teams", "url": "{{Hook("teams/lina")}}" }
            ]
          }
        }
        """;

    private string CappedOnCallJson() => $$"""
        {
          "rotations": [
            { "id": "a", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "amina" } ] },
            { "id": "k", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "karim" } ] },
            { "id": "l", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "lina" } ] }
          ],
          "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "a", "k", "l" ] } ],
          "repeatLimit": 0,
          "noise": { "maxNotificationsPerWindow": {{Cap}}, "capWindow": "01:00:00", "quietRenotifyInterval": "01:00:00", "groupingWindow": "00:00:01" },
          "contacts": {
            "amina": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("capped/amina")}}", "secret": "{{Secret}}" } ],
            "karim": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("capped/karim")}}", "secret": "{{Secret}}" } ],
            "lina": [ { "id": "webhook", "channel": "Webhook", "url": "{{Hook("capped/lina")}}", "secret": "{{Secret}}" } ]
          }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        await Smtp.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
