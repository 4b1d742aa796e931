# syntax=docker/dockerfile:1
# The Indicators service image (docs/deploy.md "Images"). Build from the repository root:
#   docker build -f deploy/docker/Indicators.Dockerfile -t cyberpledge/indicators:TAG .
# No secret goes into the image: keys, certificates and connection strings are mounted from Secrets at run time.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY libs/ libs/
COPY services/Indicators/ services/Indicators/
RUN dotnet publish services/Indicators/CyberPledge.Indicators.csproj -c Release -o /app -p:UseAppHost=false

# The ASP.NET Core runtime (with ICU, which Indicators' domain normalisation needs), run as its non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The service listens where --urls (or the gateway's Kestrel endpoints) say, not on the image's default port.
ENV ASPNETCORE_HTTP_PORTS=
# The image's "app" user (uid and gid 1654); the Deployments run as the same numeric user.
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/CyberPledge.Indicators.dll"]
