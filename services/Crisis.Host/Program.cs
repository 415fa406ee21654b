using Crisis.Connectors;
using Crisis.Connectors.Cursors;
using Crisis.CrisisCell;
using Crisis.CrisisCell.Notifying;
using Crisis.Dashboard;
using Crisis.Detection;
using Crisis.Detection.Monitoring;
using Crisis.Host.Hosting;
using Crisis.Ingestion;
using Crisis.PersonalData;
using Crisis.Reporting;
using Crisis.ServiceDefaults;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Health;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddDetectorOptionsFile();
var modules = HostedModules.From(builder.Configuration);

builder.AddServiceDefaults();
var store = builder.Services.AddCrisisEventStore(builder.Configuration);
// Every node registers every module's store schema; only the services it runs do work.
builder.Services.AddIngestion(builder.Configuration);
builder.Services.AddReporting(builder.Configuration);
builder.Services.AddConnectorsStore();
store.AddDetection(builder.Configuration).AddDetectionPublishing();
store.AddCrisisCell(builder.Configuration).AddCrisisCellPaging(builder.Configuration);
if (modules.Connectors) builder.Services.AddConnectors(builder.Configuration).AddConnectorIntake();
if (modules.CrisisCell) builder.Services.AddCrisisCellTimers().AddCrisisCellNotifications();
// Projections and subscriptions run on one node at a time across the cluster (hot/cold).
if (modules.Detection) store.AddHotColdDaemon(builder.Services);
builder.Services.AddCrisisBus(builder.Configuration, modules);
builder.Services.AddStoreHealthChecks();
builder.Services.AddProjectionLagMonitoring(builder.Configuration, runsDaemon: modules.Detection);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCrisisMetrics().RequireAuthorization(CrisisPolicies.Metrics);
var api = app.MapCrisisApi();
if (modules.Ingestion) api.MapIngestion();
api.MapMentionReads();
api.MapDetection();
api.MapConnectorReads();
if (modules.CrisisCell) api.MapCrisisCell();
api.MapReporting();
api.MapPersonalData();
api.MapDashboard();
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory-free host launcher.</summary>
public partial class Program;
