var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

// Liveness for load balancers and the test harness.
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));

app.Run();

public partial class Program;
