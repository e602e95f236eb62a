using CommandCenter.Health;
using CommandCenter.Hosting;
using CommandCenter.Ingest.Api;
using CommandCenter.State;

var builder = WebApplication.CreateBuilder(args);
builder.UseSerilog();
builder.AddCommandCenter();

var app = builder.Build();
app.MapHealth();
app.MapIngest();
app.MapState();
app.MapGet("/", () => Results.Redirect("/healthz"));
app.Run();

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
