using System.Diagnostics;
using CyberPledge.ServiceDefaults.Hosting;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.ServiceDefaults.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.ServiceDefaults.Tests.Readiness;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Health_WhileStartupWorkRuns_NotServingThenServing()
    {
        var gate = new GatedWork();
        await using var host = await DefaultsHost.StartAsync(builder => builder.Services.AddSingleton<IStartupWork>(gate));
        var health = new Health.HealthClient(host.Channel);
        await gate.Started.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "grpc.testing.TestService" })).Status);
        var early = await Assert.ThrowsAsync<RpcException>(() => new TestService.TestServiceClient(host.Channel).UnaryCallAsync(new SimpleRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, early.StatusCode);

        gate.Release.SetResult();
        await host.App.Services.GetRequiredService<ServiceReadiness>().WhenServing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "grpc.testing.TestService" })).Status);
        var response = await new TestService.TestServiceClient(host.Channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 3 });
        Assert.Equal(3, response.Payload.Body.Length);
    }

    [Fact]
    public async Task StartupWork_Fails_HostStopsWithExitCodeOne()
    {
        await using var host = await DefaultsHost.StartAsync(builder => builder.Services.AddSingleton<IStartupWork>(new FailingWork()));
        var lifetime = host.App.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ServiceHost.StartFailedExitCode, host.App.Services.GetExitCode());
        Assert.False(host.App.Services.GetRequiredService<ServiceReadiness>().IsServing);
    }

    [Fact]
    public async Task Stop_WithAnOpenServerStream_StreamEndsUnavailableAndHostStopsPromptly()
    {
        var host = await DefaultsHost.StartAsync();
        try
        {
            var call = new TestService.TestServiceClient(host.Channel).StreamingOutputCall(new StreamingOutputCallRequest());
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            var clock = Stopwatch.StartNew();

            var stop = host.App.StopAsync();
            var ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
            await stop.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the stop took {clock.Elapsed}");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private sealed class GatedWork : IStartupWork
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class FailingWork : IStartupWork
    {
        public Task RunAsync(CancellationToken cancellationToken) => throw new IOException("the store in /x is in use by another process");
    }
}
