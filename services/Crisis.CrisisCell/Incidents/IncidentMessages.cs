namespace Crisis.CrisisCell.Incidents;

/// <summary>Everything an incident can be asked to do. Each command says who asks and when (<c>Now</c>), so replays are deterministic.</summary>
public abstract record IncidentCommand(string IncidentId, DateTimeOffset Now);

/// <summary>Everything that can happen to an incident; each event names the incident, the actor where one exists, and the time.</summary>
public abstract record IncidentEvent(string IncidentId);
