using Crisis.Host.Hosting;
using Crisis.Ingestion;
using Crisis.ServiceDefaults;
using Crisis.ServiceDefaults.EventSourcing;

var builder = WebApplication.CreateBuilder(args);
var modules = HostedModules.From(builder.Configuration);

builder.AddServiceDefaults();
builder.Services.AddCrisisEventStore(builder.Configuration);
if (modules.Ingestion) builder.Services.AddIngestion(builder.Configuration);
builder.Services.AddCrisisBus(builder.Configuration, modules);
builder.Services.AddStoreHealthChecks();

var app = builder.Build();
app.MapDefaultEndpoints();
if (modules.Ingestion) app.MapIngestion();
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory-free host launcher.</summary>
public partial class Program;
