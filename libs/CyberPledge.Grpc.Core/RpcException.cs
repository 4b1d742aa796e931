namespace Grpc.Core;

/// <summary>Thrown when a call ends with a status other than OK; thrown by a handler to answer with that status.</summary>
public class RpcException : Exception
{
    /// <summary>Creates an exception for a status.</summary>
    public RpcException(Status status) : this(status, Metadata.Empty, status.ToString())
    {
    }

    /// <summary>Creates an exception for a status with a local message.</summary>
    public RpcException(Status status, string message) : this(status, Metadata.Empty, message)
    {
    }

    /// <summary>Creates an exception for a status with trailers.</summary>
    public RpcException(Status status, Metadata trailers) : this(status, trailers, status.ToString())
    {
    }

    /// <summary>Creates an exception for a status with trailers and a local message.</summary>
    public RpcException(Status status, Metadata trailers, string message) : base(message, status.DebugException)
    {
        Status = status;
        Trailers = trailers ?? throw new ArgumentNullException(nameof(trailers));
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The trailers sent with the status.</summary>
    public Metadata Trailers { get; }
}
