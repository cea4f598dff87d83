// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// See the LICENSE file in the project root for more information.

// stub implementation of NativeOverlapped to compile windows only tests in Unix build
internal struct NativeOverlapped {}