using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>Tables that an event projection writes by SQL and owns: created with the store's schema, emptied by a rebuild.</summary>
public static class ProjectionTables
{
    /// <summary>A new table in <paramref name="schema"/>, part of <paramref name="projection"/>'s schema objects and of its teardown.</summary>
    public static Table Own(EventProjection projection, string schema, string name)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var table = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
        projection.SchemaObjects.Add(table);
        // A rebuild starts from an empty table, as Marten empties a document projection's documents.
        projection.Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        return table;
    }
}
