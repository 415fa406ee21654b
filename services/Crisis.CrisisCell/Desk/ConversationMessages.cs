namespace Crisis.CrisisCell.Desk;

/// <summary>Everything a conversation can be asked to do; each command says who asks (where someone does) and when.</summary>
public abstract record ConversationCommand(string ConversationId, DateTimeOffset Now);

/// <summary>Everything that can happen to a conversation; each event names it, the actor where one exists, and the time.</summary>
public abstract record ConversationEvent(string ConversationId);
