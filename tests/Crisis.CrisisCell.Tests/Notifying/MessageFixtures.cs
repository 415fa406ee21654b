using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.OnCall.Planning;

namespace Crisis.CrisisCell.Tests.Notifying;

internal static class MessageFixtures
{
    public const string ArabicExcerpt = "خدمة العملاء سيئة جدا، لا أحد يرد";

    public static readonly NotificationMessage Page = new(
        "inc-1", "inc-1:Page:L1:amina@email", NotificationKind.Page, 1, "amina", "acme", "Lost luggage storm", 8, "Opened, stage Respond",
        0.83, 420,
        [
            new EvidencePost("x", "p1", "angry_traveller", 120_000, "ar", ArabicExcerpt),
            new EvidencePost("x", "p2", "frequent_flyer", 8_000, "fr", "Service client honteux"),
        ],
        "Respond", new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero),
        new Uri("https://crisis.example.com/api/incidents/inc-1/acknowledge"));
}
