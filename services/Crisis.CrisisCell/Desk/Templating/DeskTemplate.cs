using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Crisis.CrisisCell.Desk.Templating;

/// <summary>A template as the desk reads it: an organisation's own (kept in step with its stream, inline) or a built-in one.</summary>
public sealed class DeskTemplate
{
    /// <summary>The template's stream key; the id itself for a built-in template.</summary>
    public string Id { get; set; } = "";
    /// <summary>Empty for built-in templates: they belong to every organisation.</summary>
    public string OrganisationId { get; set; } = "";
    public string TemplateId { get; set; } = "";
    public TemplateStage Stage { get; set; }
    public string Language { get; set; } = "";
    public string Text { get; set; } = "";
    public bool BuiltIn { get; set; }
    public bool Deleted { get; set; }
    public string? SavedBy { get; set; }
    public DateTimeOffset? SavedAt { get; set; }
    public long Version { get; set; }

    public IReadOnlyList<string> Placeholders => TemplateText.PlaceholdersOf(Text);
}

public sealed class DeskTemplateProjection : SingleStreamProjection<DeskTemplate, string>
{
    public DeskTemplateProjection()
    {
        IncludeType<AnswerTemplateSaved>();
        IncludeType<AnswerTemplateDeleted>();
    }

    public override DeskTemplate Evolve(DeskTemplate? snapshot, string id, IEvent e)
    {
        var template = snapshot ?? new DeskTemplate { Id = id };
        switch (e.Data)
        {
            case AnswerTemplateSaved saved:
                template.OrganisationId = saved.OrganisationId;
                template.TemplateId = saved.TemplateId;
                template.Stage = saved.Stage;
                template.Language = saved.Language;
                template.Text = saved.Text;
                template.Deleted = false;
                template.SavedBy = saved.SavedBy;
                template.SavedAt = saved.SavedAt;
                break;
            case AnswerTemplateDeleted:
                template.Deleted = true;
                break;
            default:
                throw new InvalidOperationException($"unknown template event {e.Data.GetType().Name}");
        }
        template.Version = e.Version;
        return template;
    }
}
