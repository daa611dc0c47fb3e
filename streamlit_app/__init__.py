"""Streamlit UI of the prediction service; it reaches the service only through dota_predict_sdk."""
