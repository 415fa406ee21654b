using Crisis.CrisisCell.Incidents.Opening;

namespace Crisis.CrisisCell.Configuring;

/// <summary>
/// The <c>CrisisCell</c> section's keys for late pages (evidence already old when the cell receives it: a connector
/// catching up, an import of history), bound as options and validated at start.
/// </summary>
public sealed class LatePageOptions
{
    /// <summary>How old a page's evidence (its detection, in event time) may be on arrival before the page is late.</summary>
    public TimeSpan LatePageHorizon { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether a late page notifies on-call. Off: importing history pages nobody unless asked.</summary>
    public bool PageLateBuzzes { get; set; }

    public LatePagePolicy Policy => new(LatePageHorizon, PageLateBuzzes);
}
