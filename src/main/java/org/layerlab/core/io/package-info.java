/** File helpers shared by every part of core that writes user files. */
package org.layerlab.core.io;
