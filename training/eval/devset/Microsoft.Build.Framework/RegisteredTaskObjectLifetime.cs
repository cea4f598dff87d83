namespace Microsoft.Build.Framework
{
	public enum RegisteredTaskObjectLifetime
	{
		Build,
		AppDomain
	}
}

