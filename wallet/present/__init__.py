"""Showing credentials to someone else (issue 6: "Show proof to an employer").

Qt-free: the window only draws what these modules produce. `qr` turns a presentation into
compact QR texts (one code, or a short sequence) and back, so a phone or a second wallet can
read a presentation off the screen without any network.
"""
