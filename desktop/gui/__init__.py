"""The Qt desktop interface: widgets and windows over the Qt-free core."""
