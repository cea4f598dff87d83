// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// See the LICENSE file in the project root for more information.

using System.Collections;

namespace System.ComponentModel
{
    /// <summary>
    ///    <para>Specifies the direction of a sort.</para>
    /// </summary>
    public enum ListSortDirection
    {
        /// <summary>
        ///    <para>Sort in ascending order.</para>
        /// </summary>
        Ascending,
        /// <summary>
        ///    <para>Sort in descending order.</para>
        /// </summary>
        Descending
    }
}
