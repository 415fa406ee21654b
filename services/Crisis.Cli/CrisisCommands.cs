using Crisis.Cli.Database;
using Crisis.Cli.Evaluating;
using Crisis.Cli.Inbox;
using Crisis.Cli.Incidents;
using Crisis.Cli.Ingesting;
using Crisis.Cli.IssuingTokens;
using Crisis.Cli.Replaying;
using Crisis.Cli.Reporting;
using Crisis.Cli.Sampling;
using Crisis.Cli.Scoring;
using Crisis.Cli.Streaming;
using Crisis.Cli.Summarising;
using Crisis.Cli.Watching;
using Spectre.Console.Cli;

namespace Crisis.Cli;

/// <summary>Every operator command, in one list so `crisis --help` and the code agree.</summary>
public static class CrisisCommands
{
    public static void Register(IConfigurator config)
    {
        config.SetApplicationName("crisis");
        config.SetExceptionHandler(Hosting.CliErrors.Handle);
        config.ValidateExamples();
        config.AddCommand<IngestCommand>("ingest").WithDescription("Store a file of mentions (NDJSON or CSV); re-running it adds nothing.");
        config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Run the spike detector over one series (CSV) and write its score and alerts per row.");
        config.AddCommand<SampleCommand>("sample").WithDescription("Write the synthetic demo scenario (three brands, a bad buzz, a campaign) as NDJSON.");
        config.AddBranch("mentions", mentions =>
        {
            mentions.SetDescription("What the store holds.");
            mentions.AddCommand<SummaryCommand>("summary").WithDescription("Mentions per brand: counts, time span, negative share, languages.");
            mentions.AddCommand<Redacting.RedactCommand>("redact").WithDescription("Retention: empty who and what of every post published before a cut-off; the mentions still count.");
            mentions.AddCommand<Exporting.ExportCommand>("export").WithDescription("A brand's stored mentions over a window, as NDJSON in the intake's format (to replay at a chosen speed with 'crisis stream').");
        });
        config.AddBranch("connectors", connectors =>
        {
            connectors.SetDescription("The connectors that follow public sources (docs/connectors.md).");
            connectors.AddCommand<Connecting.ConnectorStatusCommand>("status").WithDescription("Where each connector stands: items seen, matched, sent, errors, reconnects, lag, position.");
            connectors.AddCommand<Connecting.ServeFeedCommand>("serve-feed").WithDescription("A local Atom news feed whose articles appear as time passes, for trying the rss connector offline (the demo runs one).");
            connectors.AddCommand<Connecting.ConnectorTestCommand>("test").WithDescription("Run one connector of a configuration file for a while and print what it would ingest (writes nothing).");
        });
        config.AddBranch("desk", desk =>
        {
            desk.SetDescription("The response desk through the host's API (--url, --token): who waits for an answer, answering, its figures.");
            desk.AddCommand<Desk.DeskQueueCommand>("queue").WithDescription("The conversations waiting for an answer, in priority order.");
            desk.AddCommand<Desk.DeskAnswerCommand>("answer").WithDescription("Claim a conversation and send an answer through the desk's publisher.");
            desk.AddCommand<Desk.DeskRespondCommand>("respond").WithDescription("A scripted responder: answer the first unclaimed conversations from a file of canned answers per language.");
            desk.AddCommand<Desk.DeskKpisCommand>("kpis").WithDescription("Answer coverage, time to first answer, unanswered after 24 and 72 hours, handovers.");
        });
        config.AddBranch("authors", authors =>
        {
            authors.SetDescription("Members of the public whose posts the store holds.");
            authors.AddCommand<Erasing.EraseAuthorCommand>("erase").WithDescription("Erase one author: their handles and words are emptied wherever kept, and later posts of theirs are stored erased.");
        });
        config.AddCommand<ReplayCommand>("replay").WithDescription("Re-run detection for one brand over stored mentions (in memory) and say whether it reproduces the live decisions.");
        config.AddCommand<WhatIfCommand>("what-if").WithDescription("Replay one brand's window with other detector options: pages that appear or vanish, time to detect, false alarms.");
        config.AddCommand<StreamCommand>("stream").WithDescription("Send NDJSON mentions to a host's HTTP intake, the backlog at once and the rest at accelerated time.");
        config.AddCommand<IncidentsCommand>("incidents").WithDescription("Every incident in your language and zone (--locale, --time-zone; default LANG, TZ): what was detected when, who was paged, who has it, what the playbook asks next, the timeline.");
        config.AddCommand<InboxCommand>("inbox").WithDescription("A local webhook receiver that shows and keeps the notifications sent to it (checks the HMAC signature).");
        config.AddCommand<ReportCommand>("report").WithDescription("Write an incident's post-mortem (KPIs, curve, stages, timeline) as one printable HTML file.");
        config.AddCommand<BuzzCommand>("buzz").WithDescription("Every brand's buzz state and the pages the detector raised.");
        config.AddBranch("db", db =>
        {
            db.SetDescription("Event store administration.");
            db.AddCommand<MigrateCommand>("migrate").WithDescription("Create or update the store's schema.");
        });
        config.AddBranch("dead-letters", deadLetters =>
        {
            deadLetters.SetDescription("Messages the bus gave up on (the *_error queues): why, and back to their queue once the cause is fixed.");
            deadLetters.AddCommand<ReplayingDeadLetters.ListDeadLettersCommand>("list")
                .WithDescription("Count each error queue's messages and show their type, failure reason and time.");
            deadLetters.AddCommand<ReplayingDeadLetters.ReplayDeadLettersCommand>("replay")
                .WithDescription("Move an error queue's messages back to the queue they failed on (a move, not a copy).");
        });
        config.AddBranch("projections", projections =>
        {
            projections.SetDescription("Read models built from the events.");
            projections.AddCommand<RebuildingProjections.RebuildProjectionCommand>("rebuild")
                .WithDescription("Delete a projection's read model and rebuild it from every event (stop the daemon nodes first).");
        });
        config.AddCommand<TokenCommand>("token").WithDescription("Create a local signing key, or issue a signed API token (organisation, roles, name, lifetime) with one.");
        config.AddCommand<ScoreCommand>("score").WithDescription("Score the negativity of every mention in a TSV or NDJSON file");
        config.AddCommand<TrainNegativityCommand>("train-negativity").WithDescription("Train the mention negativity model and write its dev report");
    }
}
